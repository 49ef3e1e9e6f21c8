use super::*;
use proptest::prelude::*;

/// The tree `toml` makes, spans included, as text to compare.
fn full(text: &str) -> Option<String> {
    DeTable::parse(text).ok().map(|t| format!("{t:?}"))
}

/// Whether the quick reader took `text`; when it did, its tree must be
/// the one `toml` makes.
fn agrees(text: &str) -> bool {
    let Some(quick) = parse(text) else {
        return false;
    };
    assert_eq!(
        Some(format!("{quick:?}")),
        full(text),
        "the quick reader disagrees with toml on:\n{text}"
    );
    true
}

const CALL: &str = "# A call.\n[document]\nid = \"2024-q3-call\"\nkind = 'earnings-call'\n\n[[speaker]]\nname = \"Ana Lí\"   # CFO\n\n[[fact]]\nmetric = \"revenue\"\nvalue = \"$73.6M\"\nguidance = false\ndims = { segment = \"east\", basis = 'gaap' }\n\n[[fact]]\nmetric=\"revenue.qoq\"\nvalue = \"-2%\"\ndims = {}\r\nevidence = \"down 2%, \tsequentially\"\n";

#[test]
fn reads_a_call_file_as_toml_does() {
    assert!(agrees(CALL));
    assert!(agrees(""));
    assert!(agrees("\n\n# only a comment"));
    assert!(agrees("a = true\nb = \"\"\n[t]\n"));
    assert!(agrees(
        "top = 'x'\n[[a]]\n[b]\nk = \"v\"\n[[a]]\nk = false\n"
    ));
}

#[test]
fn leaves_everything_else_to_toml() {
    for text in [
        "\u{feff}a = \"b\"\n",
        "a = \"esc\\\"aped\"\n",
        "a = 1\n",
        "a = 1.5\n",
        "a = 2024-01-01\n",
        "a = [\"x\"]\n",
        "a.b = \"x\"\n",
        "\"a\" = \"x\"\n",
        "a = \"\"\"x\"\"\"\n",
        "a = '''x'''\n",
        "a = \"x\"\na = \"y\"\n",
        "[t]\n[t]\n",
        "[[t]]\n[t]\n",
        "[t]\n[[t]]\n",
        "t = \"x\"\n[t]\n",
        "[ t ]\n",
        "[t.u]\n",
        "a = { b = \"c\", }\n",
        "a = { b = { c = \"d\" } }\n",
        "a = { b = \"c\", b = \"d\" }\n",
        "a = trueish\n",
        "a = \"x\" b = \"y\"\n",
        "a = \"x\"\rb = \"y\"\n",
        "a = \"tab\u{7}bell\"\n",
        "# bell \u{7}\n",
        "a = \"unclosed\n",
        "a =\n",
        "= \"x\"\n",
        "[[t]\n",
    ] {
        assert!(parse(text).is_none(), "the quick reader took:\n{text:?}");
    }
}

/// Every data file of the repository and every built-in taxonomy: the
/// quick reader agrees with `toml` wherever it answers, and answers for
/// the call files, which is what makes loading quick.
#[test]
fn agrees_on_the_bundled_files() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["data", "crates/model/taxonomies", "examples", "tests"] {
        collect(&root.join(dir), &mut files);
    }
    let mut taken = 0;
    let mut calls = 0;
    for path in &files {
        // The fixtures of bad input include files that are not UTF-8.
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let took = agrees(&text);
        taken += usize::from(took);
        let name = path.file_name().unwrap().to_string_lossy();
        if name.contains("-call") && !text.contains("= [") && !text.contains('\\') {
            calls += 1;
            assert!(took, "a plain call file went to the full parser: {path:?}");
        }
    }
    eprintln!("{} files, {taken} taken, {calls} plain calls", files.len());
    assert!(
        calls >= 10 && taken >= calls,
        "{taken} taken, {calls} calls"
    );
}

fn collect(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

/// Lines of data files, plain and not, to build documents from.
const PIECES: &[&str] = &[
    "[document]",
    "[[fact]]",
    "[[speaker]]",
    "[fact]",
    "[ document ]",
    "metric = \"revenue\"",
    "value = '$1.2M'",
    "evidence = \"said \\\"so\\\"\"",
    "guidance = true",
    "preferred = false",
    "dims = { segment = \"east\" }",
    "dims = { a = \"b\", c = 'd' }",
    "dims = {}",
    "n = 12",
    "list = [\"a\", \"b\"]",
    "a.b = \"c\"",
    "# a comment",
    "metric = \"revenue\" # trailing",
    "",
    "   ",
    "kind=\"x\"",
    "x = \"\"",
];

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec((0..PIECES.len(), prop::bool::ANY), 0..24).prop_map(|lines| {
        lines
            .into_iter()
            .map(|(i, crlf)| format!("{}{}", PIECES[i], if crlf { "\r\n" } else { "\n" }))
            .collect()
    })
}

proptest! {
    #[test]
    fn agrees_with_toml_on_generated_documents(text in document()) {
        agrees(&text);
    }

    #[test]
    fn agrees_with_toml_on_mutated_documents(
        at in 0..CALL.len(),
        cut in 0usize..4,
        insert in prop::sample::select(vec!["", "\"", "'", "=", "[", "]", "{", "}", ",", "\n", "\r", "#", " ", "\t", "\\", "é", "\u{0}", "x"]),
    ) {
        let mut text = CALL.to_string();
        let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let end = (at + cut..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
        text.replace_range(at..end, insert);
        agrees(&text);
    }
}
