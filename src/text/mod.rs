//! Text primitives shared by every part of the core: offsets and character classes.

pub mod chars;
pub(crate) mod key_table;
pub mod offsets;
pub mod tokens;

pub use offsets::{
    ByteOffset, ByteSpan, CharIndex, CharOffset, CharSpan, SparseCharIndex, slice_chars,
};
