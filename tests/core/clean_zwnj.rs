//! Measures the ZWNJ restorer on `assets/zwnj_words.tsv`: real Persian words as scrapers leave
//! them, with the form they should have, including traps where no ZWNJ belongs (میز, میلیون,
//! تنها, رها...). Prints precision and recall; the default normalization must leave
//! restoration off unless precision reaches 99%.

use khabar::clean::zwnj::restore_word;
use khabar::model::Normalization;

const ZWNJ: char = '\u{200C}';

/// Char positions (in the word without ZWNJs) before which a ZWNJ stands.
fn positions(word: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    for c in word.chars() {
        if c == ZWNJ {
            out.push(i);
        } else {
            i += 1;
        }
    }
    out
}

#[test]
fn zwnj_restoration_precision_and_recall() {
    let list = include_str!("../../assets/zwnj_words.tsv");
    let (mut tp, mut fp, mut fn_, mut words, mut traps) = (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut wrong = Vec::new();
    for line in list
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (input, gold) = line.split_once('\t').expect("two columns");
        words += 1;
        if input == gold {
            traps += 1;
        }
        let got = restore_word(input);
        let (g, p) = (positions(gold), positions(&got));
        let hits = p.iter().filter(|x| g.contains(x)).count();
        tp += hits;
        fp += p.len() - hits;
        fn_ += g.len() - hits;
        if got != gold {
            wrong.push(format!("{input} -> {got} (want {gold})"));
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "ZWNJ restorer on {words} words ({traps} traps): precision {:.1}% ({tp}/{}), recall {:.1}% ({tp}/{})",
        precision * 100.0,
        tp + fp,
        recall * 100.0,
        tp + fn_
    );
    for w in &wrong {
        println!("  wrong: {w}");
    }
    assert!(words >= 200, "the list must stay a real test");
    assert!(traps >= 80, "the list must keep its traps");
    if precision < 0.99 {
        assert!(
            !Normalization::default().restore_zwnj,
            "restoration must stay off by default below 99% precision"
        );
    }
    // The figures are what they are; this guards against the restorer silently getting worse.
    assert!(precision >= 0.95, "precision fell to {precision:.3}");
    assert!(recall >= 0.80, "recall fell to {recall:.3}");
}
