//! Fuzzing the store loader with proptest: random edits of a real store file (bytes replaced,
//! inserted, deleted, the file cut short) and arbitrary bytes must give `Ok` with a store that
//! passes validation, or an error with a position; never a panic, never a half-loaded store.
//!
//! CI runs a few hundred cases; longer runs are recorded in docs/RELIABILITY.md:
//! `PROPTEST_CASES=200000 cargo test --release --test fuzz_store`.

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use ror_tui::generator::{GenSpec, generate};
use ror_tui::store::{LoadError, parse_store, to_store_json, validate};

fn sample() -> &'static [u8] {
    static S: OnceLock<Vec<u8>> = OnceLock::new();
    S.get_or_init(|| to_store_json(&generate(&GenSpec::scale(12, 60))))
}

#[derive(Clone, Debug)]
enum Edit {
    Replace(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    // Bytes that matter to JSON and to our parsers, plus anything at all.
    let interesting = prop_oneof![
        Just(b'"'),
        Just(b'\\'),
        Just(b'{'),
        Just(b'}'),
        Just(b'['),
        Just(b']'),
        Just(b','),
        Just(b':'),
        Just(b'-'),
        Just(b'0'),
        Just(b'9'),
        Just(b'e'),
        Just(b'.'),
        Just(0xff),
        Just(0xc3),
        Just(b'\n'),
        any::<u8>(),
    ];
    prop_oneof![
        (any::<usize>(), interesting).prop_map(|(i, b)| Edit::Replace(i, b)),
        (
            any::<usize>(),
            prop_oneof![
                Just(b"NaN".to_vec()),
                Just(b"1e999".to_vec()),
                Just(b"-0".to_vec()),
                Just(b"\"\\ud800\"".to_vec()),
                Just(b"null".to_vec()),
                Just(b"[[[[[[".to_vec()),
                Just(b"99999999999999999999".to_vec()),
                proptest::collection::vec(any::<u8>(), 1..8),
            ]
        )
            .prop_map(|(i, v)| Edit::Insert(i, v)),
        (any::<usize>(), 1usize..40).prop_map(|(i, n)| Edit::Delete(i, n)),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn apply(mut b: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let len = b.len().max(1);
        match e {
            Edit::Replace(i, v) => {
                if !b.is_empty() {
                    b[i % len] = *v;
                }
            }
            Edit::Insert(i, v) => {
                let at = i % (b.len() + 1);
                b.splice(at..at, v.iter().copied());
            }
            Edit::Delete(i, n) => {
                let at = i % len;
                let end = (at + n).min(b.len());
                b.drain(at.min(end)..end);
            }
            Edit::Truncate(i) => b.truncate(i % len),
        }
    }
    b
}

/// 256 cases unless `PROPTEST_CASES` asks for more (long fuzzing runs).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

fn assert_sound(bytes: &[u8]) -> Result<(), TestCaseError> {
    match parse_store(Path::new("f.json"), bytes) {
        Ok(store) => prop_assert!(
            validate(&store).is_empty(),
            "loaded a store that fails validation"
        ),
        Err(LoadError::Syntax { line, column, .. }) => prop_assert!(line >= 1 && column >= 1),
        Err(LoadError::Invalid { problems, .. }) => prop_assert!(!problems.is_empty()),
        Err(LoadError::NewerSchema { .. }) => {}
        Err(LoadError::Io { .. }) => prop_assert!(false, "no I/O happens when parsing bytes"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn edited_stores_load_or_fail_cleanly(edits in proptest::collection::vec(edit(), 1..6)) {
        let bytes = apply(sample().to_vec(), &edits);
        assert_sound(&bytes)?;
    }

    #[test]
    fn arbitrary_bytes_fail_cleanly(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        assert_sound(&bytes)?;
    }
}
