//! The font system built from the bundled Vazirmatn faces only.
//!
//! No system font scan: start-up stays fast and every machine draws the same pixels. Vazirmatn
//! covers Persian, Arabic and Latin in one family (OFL-1.1, `assets/fonts/OFL.txt`).

use std::sync::Arc;

use cosmic_text::{FontSystem, fontdb};

/// Vazirmatn Regular (weight 400), bundled into the binary.
pub const VAZIRMATN_REGULAR: &[u8] = include_bytes!("../../../assets/fonts/Vazirmatn-Regular.ttf");
/// Vazirmatn Bold (weight 700), bundled into the binary.
pub const VAZIRMATN_BOLD: &[u8] = include_bytes!("../../../assets/fonts/Vazirmatn-Bold.ttf");

/// The family name every attribute set asks for.
pub const FAMILY: &str = "Vazirmatn";

/// A font system holding exactly the bundled faces, with Vazirmatn as every generic family.
#[must_use]
pub fn bundled_font_system() -> FontSystem {
    let mut db = fontdb::Database::new();
    for data in [VAZIRMATN_REGULAR, VAZIRMATN_BOLD] {
        db.load_font_source(fontdb::Source::Binary(Arc::new(data)));
    }
    db.set_sans_serif_family(FAMILY);
    db.set_serif_family(FAMILY);
    db.set_monospace_family(FAMILY);
    // A fixed locale: fallback choice must not depend on the machine (there is only one family).
    FontSystem::new_with_locale_and_db("fa-IR".to_owned(), db)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_bundled_faces_are_loaded() {
        let mut fs = bundled_font_system();
        let faces: Vec<_> = fs.db().faces().map(|f| f.weight.0).collect();
        assert_eq!(faces.len(), 2, "regular and bold, nothing from the system");
        assert!(faces.contains(&400) && faces.contains(&700));
        let id = fs.db().faces().next().map(|f| f.id).expect("a face");
        assert!(fs.get_font(id, fontdb::Weight(400)).is_some());
    }
}
