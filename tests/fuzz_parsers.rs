//! Fuzzing every parser of user input with proptest: date phrases, amounts, periods, the quick-log
//! line and CSV imports. Whatever the text, the answer is a value or an error message; never a
//! panic, and an import either applies whole or leaves the store as it was.
//!
//! CI runs a few hundred cases each; longer runs are recorded in docs/RELIABILITY.md:
//! `PROPTEST_CASES=100000 cargo test --release --test fuzz_parsers`.

use jiff::civil::{Date, DateTime};
use proptest::prelude::*;
use ror_tui::cli::import::{Options, apply};
use ror_tui::forms::{FormContext, parse_quick};
use ror_tui::generator::{GenSpec, generate};
use ror_tui::metrics::PeriodSpec;
use ror_tui::store::{Money, Store, validate};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

const TODAY: Date = jiff::civil::date(2026, 11, 23);

fn now() -> DateTime {
    TODAY.at(14, 30, 0, 0)
}

/// Text shaped like what people type into these fields, plus anything at all.
fn phrase() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::string::string_regex(
            "[-+ ]?[0-9]{0,12}[dwmy]?( ago)?|[0-9]{1,5}-[0-9]{1,3}-[0-9]{1,3}([ T][0-9]{1,3}:[0-9]{1,3}(:[0-9]{1,3})?)?([Z+-][0-9:]{0,6})?|(to|yester)day|now|[0-9]{1,3}:[0-9]{1,3}"
        )
        .unwrap(),
    ]
}

fn small_store() -> Store {
    generate(&GenSpec::scale(8, 40))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn date_phrases_never_panic(text in phrase()) {
        if let Ok(m) = ror_tui::dates::parse_moment(&text, now()) {
            prop_assert!((1900..=2999).contains(&m.date.year()), "{text:?} -> {m}");
        }
        let _ = ror_tui::dates::parse_day(&text, TODAY);
    }

    #[test]
    fn amounts_are_exact_or_refused(text in prop_oneof![any::<String>(), "[-+$]?[0-9,]{0,15}(\\.[0-9]{0,4})?"]) {
        if let Ok(m) = Money::parse(&text) {
            prop_assert!(m.cents().abs() <= ror_tui::store::MAX_CENTS);
        }
    }

    #[test]
    fn periods_never_panic(text in prop_oneof![any::<String>(), "[0-9]{0,8}d|all|[0-9-]{0,12}\\.\\.[0-9-]{0,12}"]) {
        if let Ok(spec) = text.parse::<PeriodSpec>() {
            let p = spec.resolve(TODAY, None);
            prop_assert!(p.from <= p.to);
        }
    }

    #[test]
    fn quick_log_lines_never_panic(line in prop_oneof![
        any::<String>(),
        "@[a-z]{0,8} [a-z_]{0,10} [a-z]{0,8} (\"[^\"]{0,20}\"?)? ([-+]{1,2}|\\$[0-9.]{0,8}|nps:[0-9]{0,3}|rating:[0-9]{0,2}|-[0-9]{1,4}d|out)?",
    ]) {
        let store = small_store();
        let ctx = FormContext::from_store(&store, now());
        let _ = parse_quick(&line, &ctx);
    }

    #[test]
    fn csv_imports_apply_whole_or_not_at_all(body in prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..400),
        proptest::collection::vec(
            "[A-Za-z@ ]{0,10},(2026-0[1-9]-[0-3][0-9]|[a-z0-9-]{0,10}),(message|purchase|survey|[a-z]{0,6}),[a-z]{0,6},(in|out|),[0-9.,-]{0,6},(\"[^\"]{0,12}\"|[^,\n]{0,12}),[0-9-]{0,3}",
            0..6,
        ).prop_map(|rows| {
            let mut s = String::from("contact,date,kind,channel,direction,value,note,nps\r\n");
            for r in rows { s.push_str(&r); s.push_str("\r\n"); }
            s.into_bytes()
        }),
    ], skip in any::<bool>()) {
        let mut store = small_store();
        let before = store.clone();
        let opts = Options { skip_invalid: skip, ..Options::default() };
        match apply(&body, &mut store, &opts) {
            Ok(_) => prop_assert!(validate(&store).is_empty(), "an import left an invalid store"),
            Err(_) => prop_assert_eq!(&store, &before, "a refused import changed the store"),
        }
    }
}

/// A file as spreadsheets write them: any of the four separators, any line end, an optional
/// byte order mark, blank lines, quoted cells with separators, quotes and line ends inside (and
/// now and then a quote left open), Windows-1252 bytes, decimal commas; sometimes UTF-16.
fn spreadsheet_file() -> impl Strategy<Value = Vec<u8>> {
    let cell = prop_oneof![
        "[A-Za-z@ ]{0,8}",
        "2026-0[1-9]-[0-3][0-9]",
        "message|purchase|survey|call",
        "[0-9]{1,4}[.,][0-9]{1,3}|-?0,[0-9]",
        "\"([^\"]|\"\"){0,10}\"?",
        proptest::collection::vec(
            prop_oneof![Just(0xE9u8), Just(0x81), Just(0x93), Just(b'a')],
            0..4
        )
        .prop_map(|b| b.into_iter().map(char::from).collect::<String>()),
    ];
    let row = proptest::collection::vec(cell, 0..6);
    (
        0..4usize,
        prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
        any::<bool>(),
        proptest::collection::vec(row, 0..6),
        0..8u8,
    )
        .prop_map(|(d, end, bom, rows, enc)| {
            let sep = [",", ";", "\t", "|"][d];
            let mut s = ["date", "contact", "kind", "value", "note", "sentiment"].join(sep) + end;
            for r in rows {
                s.push_str(&r.join(sep));
                s.push_str(end);
            }
            // Characters 0x80-0xFF stand for single bytes (a Windows-1252 file), unless the file
            // is written as UTF-8 or UTF-16.
            match enc {
                0 => [0xFF, 0xFE]
                    .into_iter()
                    .chain(s.encode_utf16().flat_map(u16::to_le_bytes))
                    .collect(),
                1..=3 => s.into_bytes(),
                _ => {
                    let bytes = s
                        .chars()
                        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'));
                    let bom: &[u8] = if bom { b"\xEF\xBB\xBF" } else { b"" };
                    bom.iter().copied().chain(bytes).collect()
                }
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn spreadsheet_files_apply_whole_or_not_at_all(body in spreadsheet_file(), skip in any::<bool>()) {
        let mut store = small_store();
        let before = store.clone();
        let opts = Options { skip_invalid: skip, ..Options::default() };
        match apply(&body, &mut store, &opts) {
            Ok(s) => {
                prop_assert!(validate(&store).is_empty(), "an import left an invalid store");
                // Every bad row is named by a line of the file, after the header.
                let lines = body.iter().filter(|b| **b == b'\n' || **b == b'\r').count() as u64 + 1;
                for e in &s.invalid {
                    prop_assert!((2..=lines).contains(&e.line), "line {} of {lines}", e.line);
                }
                if !s.written {
                    prop_assert_eq!(&store, &before, "nothing written, yet the store changed");
                }
            }
            Err(_) => prop_assert_eq!(&store, &before, "a refused import changed the store"),
        }
    }
}

// Faults the fuzzers found, kept as regression tests.

#[test]
fn a_year_zero_date_is_refused_with_what_is_expected() {
    let e = ror_tui::dates::parse_moment("0000-01-01", now()).unwrap_err();
    assert!(e.contains("1900-2999"), "{e}");
    assert!(ror_tui::dates::parse_moment("2026-11-20", now()).is_ok());
}

#[test]
fn an_import_row_naming_only_at_is_invalid_and_changes_nothing() {
    let mut store = small_store();
    let before = store.clone();
    let csv = b"contact,date,kind\r\n@,2026-01-01,message\r\n";
    let opts = Options {
        skip_invalid: true,
        ..Options::default()
    };
    let summary = apply(csv, &mut store, &opts).unwrap();
    assert_eq!(summary.added, 0);
    assert_eq!(summary.invalid.len(), 1);
    assert_eq!(store, before);
}
