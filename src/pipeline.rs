//! Article file → [`Document`]: ingest, language, cleaning, extraction. The CLI and the app both
//! go through here, so a document looks the same however it was opened.

use std::path::Path;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::clean::{self, RulesError, SiteRules};
use crate::extract::{self, ResourceError, Resources};
use crate::ingest::{self, IngestError, InputKind, Limits, RawArticle};
use crate::model::{Document, Normalization, Source, SourceFormat, Status};

/// Why the pipeline's data files could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// A site-rules file is broken.
    #[error(transparent)]
    Rules(#[from] RulesError),
    /// The gazetteer or topic taxonomy is broken.
    #[error(transparent)]
    Resources(#[from] ResourceError),
}

/// Everything needed to turn files into documents; built once, shared by worker threads.
#[derive(Debug)]
pub struct Pipeline {
    /// File size limits.
    pub limits: Limits,
    /// Boilerplate rules (bundled, plus the analyst's own).
    pub rules: SiteRules,
    /// Gazetteer and topics.
    pub resources: Resources,
    /// Character normalization for new documents.
    pub normalization: Normalization,
}

impl Pipeline {
    /// The pipeline with Khabar's bundled rules and data only.
    pub fn bundled() -> Result<Self, SetupError> {
        Ok(Self {
            limits: Limits::default(),
            rules: SiteRules::bundled(),
            resources: Resources::bundled()?,
            normalization: Normalization::default(),
        })
    }

    /// The bundled pipeline extended by the analyst's files in `dir` (`site_rules.toml`,
    /// gazetteer and topic files), when they exist.
    pub fn with_user_dir(dir: &Path) -> Result<Self, SetupError> {
        let mut p = Self::bundled()?;
        let user_rules = dir.join("site_rules.toml");
        if user_rules.is_file() {
            p.rules = p.rules.merge(&SiteRules::load(&user_rules)?);
        }
        p.resources = Resources::load_with_user(Some(dir))?;
        Ok(p)
    }

    /// Clean and extract a decoded article.
    #[must_use]
    pub fn document_from_raw(&self, raw: RawArticle) -> Document {
        let normalization = self.normalization.clone();
        let (language, cleaned) = clean::detect_and_clean(&raw.text, &self.rules, &normalization);
        let found = extract::extract(&cleaned.text, language, &cleaned.metadata, &self.resources);
        Document {
            id: raw.id,
            source: Source {
                path: raw.path.display().to_string(),
                file_name: raw.file_name,
                sha256: raw.sha256,
                encoding: raw.encoding.to_owned(),
                format: raw.format,
            },
            language,
            raw_text: raw.text,
            text: cleaned.text,
            removed: cleaned.removed,
            alignment: cleaned.alignment,
            normalization,
            metadata: cleaned.metadata,
            fields: found.fields,
            entities: found.entities,
            status: Status::Unreviewed,
            notes: String::new(),
        }
    }

    /// Read, clean and extract one article file.
    pub fn process_file(&self, path: &Path) -> Result<Document, IngestError> {
        Ok(self.document_from_raw(ingest::read_article(path, &self.limits)?))
    }

    /// Decode, clean and extract article bytes already in memory (benchmarks, fuzzing, tests).
    pub fn process_bytes(
        &self,
        bytes: &[u8],
        path: &Path,
        kind: InputKind,
    ) -> Result<Document, IngestError> {
        let (text, encoding) = ingest::decode_article_bytes(bytes, path, kind)?;
        let sha256 = format!("{:x}", Sha256::digest(bytes));
        let raw = RawArticle {
            path: path.to_owned(),
            file_name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            id: sha256[..16].to_owned(),
            sha256,
            encoding,
            format: if kind == InputKind::Html {
                SourceFormat::Html
            } else {
                SourceFormat::Text
            },
            text,
        };
        Ok(self.document_from_raw(raw))
    }

    /// Process many files on all cores (rayon's pool), keeping input order. `done` is called once
    /// per file as it finishes, from worker threads.
    pub fn process_files<P: AsRef<Path> + Sync>(
        &self,
        paths: &[P],
        done: &(dyn Fn() + Sync),
    ) -> Vec<Result<Document, IngestError>> {
        paths
            .par_iter()
            .map(|p| {
                let r = self.process_file(p.as_ref());
                done();
                r
            })
            .collect()
    }
}
