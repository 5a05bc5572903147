//! Text and image likeness for suggesting duplicate nominations. Pure functions: the
//! server computes the inputs (perceptual hashes) and stores them.

/// A text's character bigrams (letters and digits only, lower-cased), sorted and
/// distinct: computed once per text, then compared with many others by a merge, without
/// allocating. Screening compares every nomination's text with every other place's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bigrams {
    grams: Vec<(char, char)>,
    /// The trimmed text, kept only when it has no bigram (then texts compare whole).
    bare: Option<String>,
}

impl Bigrams {
    pub fn of(s: &str) -> Bigrams {
        let chars: Vec<char> = s
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let mut grams: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
        grams.sort_unstable();
        grams.dedup();
        let bare = grams.is_empty().then(|| s.trim().to_owned());
        Bigrams { grams, bare }
    }

    /// Bigrams both texts have.
    fn shared(&self, other: &Bigrams) -> usize {
        let (mut i, mut j, mut n) = (0, 0, 0);
        let (a, b) = (&self.grams, &other.grams);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    n += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        n
    }

    /// Texts without bigrams are alike only when equal.
    fn bare_likeness(&self, other: &Bigrams) -> f64 {
        match (&self.bare, &other.bare) {
            (Some(a), Some(b)) if a == b => 1.0,
            _ => 0.0,
        }
    }

    /// Overlap coefficient, 0.0–1.0: see [`name_similarity`].
    pub fn overlap(&self, other: &Bigrams) -> f64 {
        let smaller = self.grams.len().min(other.grams.len());
        if smaller == 0 {
            return self.bare_likeness(other);
        }
        self.shared(other) as f64 / smaller as f64
    }

    /// Jaccard similarity, 0.0–1.0: see [`text_similarity`].
    pub fn jaccard(&self, other: &Bigrams) -> f64 {
        if self.grams.is_empty() && other.grams.is_empty() {
            return self.bare_likeness(other);
        }
        let shared = self.shared(other) as f64;
        shared / (self.grams.len() as f64 + other.grams.len() as f64 - shared)
    }
}

/// Character-bigram overlap coefficient, 0.0–1.0: shared bigrams over the smaller set.
/// For place names, where one name is often a shortened form of the other
/// (彩塘华美市场 / 彩塘镇华美农贸市场).
pub fn name_similarity(a: &str, b: &str) -> f64 {
    Bigrams::of(a).overlap(&Bigrams::of(b))
}

/// Character-bigram Jaccard similarity of two texts, 0.0–1.0. Works for Chinese, which
/// has no spaces; punctuation and whitespace are ignored.
pub fn text_similarity(a: &str, b: &str) -> f64 {
    Bigrams::of(a).jaccard(&Bigrams::of(b))
}

/// Bits that differ between two 64-bit perceptual hashes (0 = same picture).
pub fn hamming(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// Two photos whose difference hashes differ in at most this many bits are "near-identical".
pub const NEAR_IDENTICAL_BITS: u32 = 6;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_chinese_texts_score_high() {
        let a = "市场门口垃圾堆积，污水横流，苍蝇很多";
        let b = "市场门口垃圾堆积严重，污水横流";
        let c = "村道路面破损，下雨积水";
        assert!(text_similarity(a, b) > 0.5, "{}", text_similarity(a, b));
        assert!(text_similarity(a, c) < 0.1, "{}", text_similarity(a, c));
        assert_eq!(text_similarity(a, a), 1.0);
        assert_eq!(text_similarity("", ""), 1.0);
    }

    #[test]
    fn shortened_names_are_alike() {
        assert!(name_similarity("彩塘镇华美农贸市场", "彩塘华美市场") >= 0.6);
        assert!(name_similarity("彩塘镇华美农贸市场", "彩塘镇金砂村") < 0.6);
    }

    /// The definitions on hash sets the merge-based versions must agree with.
    fn reference_bigrams(s: &str) -> std::collections::HashSet<(char, char)> {
        let chars: Vec<char> = s
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect()
    }

    fn reference_name(a: &str, b: &str) -> f64 {
        let (ga, gb) = (reference_bigrams(a), reference_bigrams(b));
        let smaller = ga.len().min(gb.len());
        if smaller == 0 {
            return if a.trim() == b.trim() { 1.0 } else { 0.0 };
        }
        ga.intersection(&gb).count() as f64 / smaller as f64
    }

    fn reference_text(a: &str, b: &str) -> f64 {
        let (ga, gb) = (reference_bigrams(a), reference_bigrams(b));
        if ga.is_empty() && gb.is_empty() {
            return if a.trim() == b.trim() { 1.0 } else { 0.0 };
        }
        let shared = ga.intersection(&gb).count() as f64;
        shared / (ga.len() as f64 + gb.len() as f64 - shared)
    }

    proptest::proptest! {
        #[test]
        fn merged_bigrams_agree_with_the_set_definitions(
            a in "[ 市场门口垃圾堆积污水横流ab1，。]{0,12}",
            b in "[ 市场门口垃圾堆积污水横流ab1，。]{0,12}",
        ) {
            proptest::prop_assert_eq!(name_similarity(&a, &b), reference_name(&a, &b));
            proptest::prop_assert_eq!(text_similarity(&a, &b), reference_text(&a, &b));
        }
    }

    #[test]
    fn hamming_counts_bits() {
        assert_eq!(hamming(0, 0), 0);
        assert_eq!(hamming(0b1011, 0b0001), 2);
        assert_eq!(hamming(u64::MAX, 0), 64);
    }
}
