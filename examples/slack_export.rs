//! Writes the import benchmark's Slack export (100k messages, 2,000 people) to a folder, as
//! Slack's own export unpacks: `cargo run --release --example slack_export -- DIR`.

#[path = "../benches/support/slack_export.rs"]
mod slack_export;

fn main() -> std::io::Result<()> {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: slack_export DIR");
        std::process::exit(2);
    };
    let dir = std::path::PathBuf::from(dir);
    for (path, bytes) in slack_export::files().entries {
        let at = dir.join(path);
        if let Some(parent) = at.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(at, bytes)?;
    }
    Ok(())
}
