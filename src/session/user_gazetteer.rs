//! The analyst's own gazetteer: names added from the app ("add to the gazetteer") go to
//! `gazetteer.tsv` in the user data folder, which `Pipeline::with_user_dir` reads on top of the
//! bundled one, so the next articles opened find those names by themselves.
//!
//! The file has the bundled gazetteer's eight columns, so an analyst can also edit it by hand
//! and `Resources::load_with_user` reports a malformed line with its number.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::model::Language;

/// The file name inside the user data folder.
pub const FILE_NAME: &str = "gazetteer.tsv";

/// Header written when the file is created (same columns as `assets/gazetteer.tsv`).
const HEADER: &str = "# label\tcanonical\tkb_id\tcountry\trole\tfa\tar\ten\n\
# Names added from Khabar's entity list. Spellings are |-separated.\n";

/// A name to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addition {
    /// Entity label (PERSON, ORG, LOC...).
    pub label: String,
    /// The spelling as it appears in the text.
    pub spelling: String,
    /// Canonical name; the spelling itself when the span had none.
    pub canonical: String,
    /// Language of the article, which decides the spelling's column.
    pub language: Language,
}

/// What adding did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A new line was written to this file.
    Added(PathBuf),
    /// The file already had this spelling under this label; nothing was written.
    AlreadyThere(PathBuf),
}

/// Why a name could not be added.
#[derive(Debug, Error)]
pub enum UserGazetteerError {
    /// The spelling or label is empty, or contains a tab or line break (it would break the
    /// file's columns).
    #[error("cannot add {spelling:?} ({label}) to the gazetteer: {problem}")]
    Invalid {
        /// The spelling.
        spelling: String,
        /// The label.
        label: String,
        /// What is wrong.
        problem: &'static str,
    },
    /// Writing the file failed (the message names the file).
    #[error("cannot update the gazetteer: {0}")]
    Write(#[from] crate::io::WriteError),
    /// Reading the file or creating its folder failed.
    #[error("cannot update the gazetteer {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

/// One gazetteer line for `a` (the bundled file's column order).
#[must_use]
pub fn line_for(a: &Addition) -> String {
    let (fa, ar, en) = match a.language {
        Language::Fa => (a.spelling.as_str(), "", ""),
        Language::Ar => ("", a.spelling.as_str(), ""),
        _ => ("", "", a.spelling.as_str()),
    };
    format!(
        "{}\t{}\t\t\t\t{fa}\t{ar}\t{en}\n",
        a.label.trim(),
        a.canonical.trim()
    )
}

fn has_spelling(existing: &str, a: &Addition) -> bool {
    existing.lines().filter(|l| !l.starts_with('#')).any(|l| {
        let mut cols = l.split('\t');
        cols.next()
            .is_some_and(|label| label.trim() == a.label.trim())
            && cols
                .skip(4)
                .flat_map(|c| c.split('|'))
                .any(|s| s.trim_start_matches('~').trim() == a.spelling.trim())
    })
}

fn validate(a: &Addition) -> Result<(), UserGazetteerError> {
    let bad = |problem| {
        Err(UserGazetteerError::Invalid {
            spelling: a.spelling.clone(),
            label: a.label.clone(),
            problem,
        })
    };
    if a.spelling.trim().is_empty() || a.label.trim().is_empty() {
        return bad("the spelling and the label must not be empty");
    }
    let breaks_columns = |s: &str| s.contains(['\t', '\n', '\r', '|']);
    if breaks_columns(&a.spelling) || breaks_columns(&a.label) || breaks_columns(&a.canonical) {
        return bad("it contains a tab, a line break or '|'");
    }
    Ok(())
}

/// Add `a` to `dir/gazetteer.tsv`, creating the folder and the file when needed. The file is
/// rewritten atomically, so a crash leaves either the old or the new file, never half a line.
pub fn add(dir: &Path, a: &Addition) -> Result<Outcome, UserGazetteerError> {
    validate(a)?;
    let path = dir.join(FILE_NAME);
    let io = |source| UserGazetteerError::Io {
        path: path.clone(),
        source,
    };
    let existing = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(io(e)),
    };
    if has_spelling(&existing, a) {
        return Ok(Outcome::AlreadyThere(path));
    }
    let mut text = if existing.is_empty() {
        HEADER.to_owned()
    } else {
        existing
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&line_for(a));
    std::fs::create_dir_all(dir).map_err(io)?;
    crate::io::write_atomic(&path, |w| std::io::Write::write_all(w, text.as_bytes()))?;
    Ok(Outcome::Added(path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Resources;

    fn addition(spelling: &str, language: Language) -> Addition {
        Addition {
            label: "PERSON".into(),
            spelling: spelling.into(),
            canonical: "Ayman Safadi".into(),
            language,
        }
    }

    #[test]
    fn added_names_load_with_the_user_resources_and_are_not_added_twice() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fa = addition("ایمن صفدی", Language::Fa);
        let ar = addition("أيمن الصفدي", Language::Ar);
        assert!(matches!(add(dir.path(), &fa), Ok(Outcome::Added(_))));
        assert!(matches!(add(dir.path(), &ar), Ok(Outcome::Added(_))));
        assert!(matches!(add(dir.path(), &fa), Ok(Outcome::AlreadyThere(_))));
        let text = std::fs::read_to_string(dir.path().join(FILE_NAME)).expect("written");
        assert_eq!(text.lines().filter(|l| !l.starts_with('#')).count(), 2);
        assert!(text.contains("PERSON\tAyman Safadi\t\t\t\tایمن صفدی\t\t\n"));
        // The file is a valid user gazetteer: the resources load it.
        assert!(Resources::load_with_user(Some(dir.path())).is_ok());
    }

    #[test]
    fn spellings_that_would_break_the_columns_are_refused_with_the_name() {
        let dir = tempfile::tempdir().expect("temp dir");
        for bad in ["", "  ", "a\tb", "a\nb", "a|b"] {
            let err = add(dir.path(), &addition(bad, Language::Fa)).expect_err("refused");
            assert!(err.to_string().contains("PERSON"), "{err}");
        }
        assert!(!dir.path().join(FILE_NAME).exists());
    }
}
