//! Text and image likeness for suggesting duplicate nominations. Pure functions: the
//! server computes the inputs (perceptual hashes) and stores them.

use std::collections::HashSet;

fn bigrams(s: &str) -> HashSet<(char, char)> {
    let chars: Vec<char> = s
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Character-bigram overlap coefficient, 0.0–1.0: shared bigrams over the smaller set.
/// For place names, where one name is often a shortened form of the other
/// (彩塘华美市场 / 彩塘镇华美农贸市场).
pub fn name_similarity(a: &str, b: &str) -> f64 {
    let (ga, gb) = (bigrams(a), bigrams(b));
    let smaller = ga.len().min(gb.len());
    if smaller == 0 {
        return if a.trim() == b.trim() { 1.0 } else { 0.0 };
    }
    ga.intersection(&gb).count() as f64 / smaller as f64
}

/// Character-bigram Jaccard similarity of two texts, 0.0–1.0. Works for Chinese, which
/// has no spaces; punctuation and whitespace are ignored.
pub fn text_similarity(a: &str, b: &str) -> f64 {
    let (ga, gb) = (bigrams(a), bigrams(b));
    if ga.is_empty() && gb.is_empty() {
        return if a.trim() == b.trim() { 1.0 } else { 0.0 };
    }
    let shared = ga.intersection(&gb).count() as f64;
    shared / (ga.len() as f64 + gb.len() as f64 - shared)
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

    #[test]
    fn hamming_counts_bits() {
        assert_eq!(hamming(0, 0), 0);
        assert_eq!(hamming(0b1011, 0b0001), 2);
        assert_eq!(hamming(u64::MAX, 0), 64);
    }
}
