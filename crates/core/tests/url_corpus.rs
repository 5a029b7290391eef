//! The native URL back end (the `url` crate) against the recorded answers to the URL corpus;
//! `crates/js/tests/url_model.rs` holds the browser's back end to the same answers in Chromium.
//! After a deliberate change, `UPDATE_URL_CORPUS=1 cargo test -p plane-inline-core --test
//! url_corpus` writes the file again (then check its diff and run the browser test).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/url_corpus.rs"]
mod url_corpus;

#[test]
fn the_native_url_model_gives_the_recorded_answers() {
    if std::env::var_os("UPDATE_URL_CORPUS").is_some() {
        std::fs::write(
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/url_corpus.txt"),
            url_corpus::record(),
        )
        .unwrap();
        return;
    }
    let differences = url_corpus::differences(include_str!("url_corpus.txt"));
    assert_eq!(differences, Vec::<String>::new());
}

#[test]
fn the_corpus_asks_about_four_texts_per_case_and_every_edge() {
    let texts = url_corpus::texts();
    assert_eq!(texts.len(), 4 * url_corpus::CASES + url_corpus::EDGES.len());
    assert_eq!(texts.len(), 1642);
    assert_eq!(
        url_corpus::answer("https://x.io:99999"),
        "origin Err(InvalidPort { port: \"99999\" })\nbase Err(InvalidPort { port: \"99999\" })\nlink None\npage None\nproject None\n"
    );
}
