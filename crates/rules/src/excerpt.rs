//! Excerpts: text cut after a number of words, whitespace folded, text
//! without spaces (Chinese, Japanese, Thai) cut by the units a segmenter
//! gives, marks and joiners kept with their character.

/// An excerpt: the text with its whitespace collapsed, cut after `max_words`
/// words. A word is a run of non-whitespace characters. When the text is
/// longer, the last kept word is followed directly by `...`. Runs in
/// scripts written without spaces are split by [`split_marks`]; in the
/// browser, [`excerpt_with`] takes `Intl.Segmenter` instead.
pub fn excerpt(text: &str, max_words: usize) -> String {
    excerpt_with(text, max_words, &split_marks)
}

/// Splits a run of text written without spaces into units: each unit's end
/// (a byte offset into the run; the last is the run's length) and whether
/// it counts as a word (punctuation does not).
pub type Segmenter<'a> = &'a dyn Fn(&str) -> Vec<(usize, bool)>;

/// [`excerpt`] with `segment` splitting the runs of scripts written
/// without spaces (Chinese, Japanese, Thai and their neighbours), so a
/// Chinese text is cut after `max_words` of its words instead of being one
/// unbounded "word". Units never split a character, and `segment` is
/// trusted to keep marks with their base (Intl.Segmenter does).
pub fn excerpt_with(text: &str, max_words: usize, segment: Segmenter) -> String {
    let mut out = String::with_capacity(text.len().min(max_words.saturating_mul(8)));
    let mut count = 0;
    let mut cut = false;
    'words: for word in text.split_whitespace() {
        if count == max_words {
            cut = true;
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        if !word.chars().any(is_unspaced) {
            out.push_str(word);
            count += 1;
            continue;
        }
        let mut start = 0;
        for (end, is_word) in segment(word) {
            let Some(unit) = word.get(start..end) else { continue };
            if is_word && count == max_words {
                cut = true;
                break 'words;
            }
            out.push_str(unit);
            count += usize::from(is_word);
            start = end;
        }
        // Whatever the segmenter did not cover is kept, not lost.
        out.push_str(word.get(start..).unwrap_or_default());
    }
    if cut {
        out.push_str("...");
    }
    out
}

/// A segmenter that keeps each run whole: one word. For collapsing
/// whitespace, and in browsers without `Intl.Segmenter`, where carrying
/// [`split_marks`] would cost more than those few readers gain.
pub fn whole_run(run: &str) -> Vec<(usize, bool)> {
    vec![(run.len(), true)]
}

/// Whether `c` is in a script written without spaces between words: Thai,
/// Lao, Myanmar, Khmer, Chinese characters, kana.
pub fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF | 0x3040..=0x30FF | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF66..=0xFF9F | 0x20000..=0x3134F)
}

/// A segmenter without dictionaries, for native code and browsers without
/// `Intl.Segmenter`: every character of an unspaced script is a unit, a run
/// of other letters and digits is one, and marks, joiners and variation
/// selectors stay with the character before them. All but punctuation
/// counts as words.
pub fn split_marks(run: &str) -> Vec<(usize, bool)> {
    let mut units: Vec<(usize, bool)> = Vec::new();
    let mut joined = false;
    let mut previous_spaced_letter = false;
    for (at, c) in run.char_indices() {
        let end = at + c.len_utf8();
        let wordy = !is_punctuation(c);
        let spaced_letter = wordy && !is_unspaced(c);
        match units.last_mut() {
            Some(last) if joined || is_mark(c) || (spaced_letter && previous_spaced_letter) => last.0 = end,
            _ => units.push((end, wordy)),
        }
        joined = c == '\u{200d}';
        if !is_mark(c) {
            previous_spaced_letter = spaced_letter;
        }
    }
    units
}

/// ASCII, general and CJK punctuation and symbols: not words. (A small
/// list rather than Unicode's categories, whose tables would cost the wasm
/// several KB.)
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c as u32, 0x2000..=0x206F | 0x3000..=0x303F | 0xFE30..=0xFE4F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20
            | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 | 0x0E2F | 0x0E46 | 0x0E4F | 0x0E5A..=0x0E5B)
}

/// Combining marks and the like that belong to the character before them
/// (those of spaced scripts such as Cyrillic or Arabic join their letter's
/// run anyway).
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0E31 | 0x0E34..=0x0E3A
        | 0x0E47..=0x0E4E | 0x0EB1 | 0x0EB4..=0x0EBC | 0x0EC8..=0x0ECD | 0x102B..=0x103E | 0x17B4..=0x17D3
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200C..=0x200D | 0x20D0..=0x20FF | 0x3099..=0x309A
        | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F | 0xE0100..=0xE01EF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_keeps_short_text_whole_with_whitespace_collapsed() {
        assert_eq!(excerpt("  one\ttwo \n three ", 3), "one two three");
        assert_eq!(excerpt("", 3), "");
    }

    #[test]
    fn excerpt_cuts_after_n_words_and_appends_dots_directly() {
        assert_eq!(excerpt("a b c d", 3), "a b c...");
        assert_eq!(excerpt("Baku-Tbilisi-Ceyhan pipeline - a route", 3), "Baku-Tbilisi-Ceyhan pipeline -...");
    }

    #[test]
    fn excerpt_of_exactly_n_words_has_no_dots() {
        assert_eq!(excerpt("a b c", 3), "a b c");
    }

    #[test]
    fn excerpt_counts_unicode_whitespace_as_separators() {
        // U+2003 (em space) and U+3000 (ideographic space) are Unicode White_Space.
        assert_eq!(excerpt("один\u{2003}два\u{3000}три четыре", 3), "один два три...");
    }

    #[test]
    fn text_without_spaces_is_cut_by_its_units() {
        // Each character is a unit without Intl.Segmenter.
        assert_eq!(excerpt("経済成長が続く", 3), "経済成...");
        assert_eq!(excerpt("経済成長", 4), "経済成長");
        // Punctuation does not count as a word but is kept.
        assert_eq!(excerpt("経済。成長", 3), "経済。成...");
        // Mixed with spaced words: counts run on across both.
        assert_eq!(excerpt("GDP 経済成長 grew fast", 3), "GDP 経済...");
        // Thai vowels and tone marks stay with their consonant.
        assert_eq!(excerpt("ข่าวดี", 1), "ข่...");
    }

    #[test]
    fn a_segmenter_decides_the_units_of_unspaced_runs() {
        // As Intl.Segmenter splits 経済成長が続く: 経済 / 成長 / が / 続く.
        let words = |_: &str| vec![(6, true), (12, true), (15, true), (21, true)];
        assert_eq!(excerpt_with("経済成長が続く", 2, &words), "経済成長...");
        assert_eq!(excerpt_with("経済成長が続く", 4, &words), "経済成長が続く");
        // Offsets that are not character boundaries are skipped, never split.
        let broken = |_: &str| vec![(1, true), (6, true)];
        assert_eq!(excerpt_with("経済", 5, &broken), "経済");
    }

    #[test]
    fn a_whole_run_segmenter_only_collapses_whitespace() {
        assert_eq!(excerpt_with(" 経済成長 \t が続く ", usize::MAX, &whole_run), "経済成長 が続く");
        assert_eq!(excerpt_with("経済成長 が続く", 1, &whole_run), "経済成長...");
    }

    #[test]
    fn marks_joiners_and_modifiers_stay_with_their_character() {
        let units = |s: &str| split_marks(s).into_iter().map(|(end, _)| end).collect::<Vec<_>>();
        assert_eq!(units("e\u{301}x"), [4]);
        assert_eq!(units("経\u{3099}済"), [6, 9]);
        assert_eq!(units("👩\u{200d}💻経"), [11, 14]);
        assert_eq!(units("👍🏽"), [8]);
        assert_eq!(units("ข่า"), [6, 9]);
        assert_eq!(units("GDP経済"), [3, 6, 9]);
    }
}
