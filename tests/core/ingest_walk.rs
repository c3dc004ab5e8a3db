//! Expanding the files and folders the user named into the article files to read.

use std::fs;
use std::path::{Path, PathBuf};

use khabar::ingest::{IngestError, InputKind, collect_inputs};

fn touch(path: &Path) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("mkdir");
    }
    fs::write(path, "متن").expect("write");
}

fn relative(root: &Path, inputs: &[khabar::ingest::InputFile]) -> Vec<String> {
    inputs
        .iter()
        .map(|input| {
            input
                .path
                .strip_prefix(root)
                .unwrap_or(&input.path)
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

#[test]
fn folder_is_walked_recursively_sorted_and_filtered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    for name in [
        "b.txt",
        "a.html",
        "sub/c.htm",
        "sub/deeper/d.TXT",
        "data.json",
        "notes.md",
        "picture.png",
        "README",
        ".hidden.txt",
        ".git/config.txt",
    ] {
        touch(&root.join(name));
    }
    let (inputs, errors) = collect_inputs(&[root.to_path_buf()]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        relative(root, &inputs),
        [
            "a.html",
            "b.txt",
            "data.json",
            "sub/c.htm",
            "sub/deeper/d.TXT"
        ]
    );
    let kinds: Vec<InputKind> = inputs.iter().map(|input| input.kind).collect();
    assert_eq!(
        kinds,
        [
            InputKind::Html,
            InputKind::Text,
            InputKind::Dataset,
            InputKind::Html,
            InputKind::Text
        ]
    );
}

#[test]
fn duplicates_are_listed_once_in_first_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    touch(&root.join("x.txt"));
    touch(&root.join("y.txt"));
    let paths = [
        root.join("y.txt"),
        root.to_path_buf(),
        root.join("y.txt"),
        root.join("./x.txt"),
    ];
    let (inputs, errors) = collect_inputs(&paths);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(relative(root, &inputs), ["y.txt", "x.txt"]);
}

#[test]
fn empty_folder_and_missing_path_are_errors_that_name_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).expect("mkdir");
    let only_junk = dir.path().join("junk");
    touch(&only_junk.join("image.png"));
    touch(&only_junk.join(".hidden.txt"));
    let missing = dir.path().join("missing.txt");
    let good = dir.path().join("good.txt");
    touch(&good);

    let (inputs, errors) = collect_inputs(&[
        empty.clone(),
        missing.clone(),
        only_junk.clone(),
        good.clone(),
    ]);
    assert_eq!(
        inputs
            .iter()
            .map(|i| i.path.clone())
            .collect::<Vec<PathBuf>>(),
        [good]
    );
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(matches!(&errors[0], IngestError::EmptyFolder { path } if *path == empty));
    assert!(
        errors[0].to_string().contains("no article files in"),
        "{}",
        errors[0]
    );
    assert!(
        errors[0]
            .to_string()
            .starts_with(&empty.display().to_string())
    );
    assert!(matches!(&errors[1], IngestError::Missing { path } if *path == missing));
    assert!(matches!(&errors[2], IngestError::EmptyFolder { path } if *path == only_junk));
}

#[test]
fn explicit_files_of_unknown_kind_are_errors_but_extensionless_files_are_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let png = dir.path().join("photo.png");
    let bare = dir.path().join("article");
    touch(&png);
    touch(&bare);
    let (inputs, errors) = collect_inputs(&[png.clone(), bare.clone()]);
    assert_eq!(inputs.len(), 1);
    assert_eq!(
        (inputs[0].path.clone(), inputs[0].kind),
        (bare, InputKind::Text)
    );
    assert!(
        matches!(&errors[..], [IngestError::UnsupportedKind { path }] if *path == png),
        "{errors:?}"
    );
}

#[cfg(unix)]
#[test]
fn link_loops_do_not_hang() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("root");
    touch(&root.join("a.txt"));
    std::os::unix::fs::symlink(&root, root.join("loop")).expect("symlink");
    let (inputs, errors) = collect_inputs(std::slice::from_ref(&root));
    assert_eq!(relative(&root, &inputs), ["a.txt"]);
    assert_eq!(errors.len(), 1, "the loop is reported once: {errors:?}");
}
