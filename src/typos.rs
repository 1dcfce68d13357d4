//! How far a typed word is from the one meant: for "did you mean" answers to names, kinds and
//! channels typed in a hurry.

/// Levenshtein distance, where swapping two neighbouring letters also counts as one edit.
pub fn distance(a: &[char], b: &[char]) -> usize {
    if a.len().abs_diff(b.len()) > a.len().max(b.len()) / 2 + 2 {
        return usize::MAX; // too different to be a typo; saves the quadratic work
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * w] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}
