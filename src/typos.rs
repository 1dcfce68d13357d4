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

/// The one of `options` a typed word most likely meant: one letter off for a word of up to five
/// letters, two for a longer one; `None` when nothing is that near or the word is under three
/// letters (too short to tell a typo from another word).
pub fn nearest<'a>(word: &str, options: &[&'a str]) -> Option<&'a str> {
    let w: Vec<char> = word.trim().to_lowercase().chars().collect();
    if w.len() < 3 {
        return None;
    }
    let allowed = if w.len() <= 5 { 1 } else { 2 };
    options
        .iter()
        .map(|o| (distance(&w, &o.chars().collect::<Vec<_>>()), *o))
        .filter(|(d, _)| *d <= allowed)
        .min_by_key(|(d, _)| *d)
        .map(|(_, o)| o)
}

/// Up to `limit` of `candidates` (each a name and the texts it is known by: the name, a
/// handle, an email, the words of the name) closest to `query`, by position, closest first and
/// then by name: for "did you mean" answers. A key that holds the query whole (a part of a name,
/// "lovelace") is as close as a one-letter typo; further than a third of the query's letters is
/// not close.
pub fn closest<'a, K>(
    candidates: impl Iterator<Item = (&'a str, K)>,
    query: &str,
    limit: usize,
) -> Vec<usize>
where
    K: IntoIterator<Item = &'a str>,
{
    let q: Vec<char> = query
        .trim()
        .trim_start_matches('@')
        .to_lowercase()
        .chars()
        .collect();
    if q.is_empty() {
        return Vec::new();
    }
    let text: String = q.iter().collect();
    let allowed = (q.len() / 3).max(1);
    let mut scored: Vec<(usize, &str, usize)> = Vec::new();
    for (i, (name, keys)) in candidates.enumerate() {
        let best = keys
            .into_iter()
            .map(|k| {
                let k = k.trim().to_lowercase();
                if q.len() >= 3 && k.contains(&text) {
                    return 1;
                }
                let k: Vec<char> = k.chars().collect();
                distance(&q, &k)
            })
            .min()
            .unwrap_or(usize::MAX);
        if best <= allowed {
            scored.push((best, name, i));
        }
    }
    scored.sort();
    scored.into_iter().take(limit).map(|(_, _, i)| i).collect()
}
