//! A list kept in shared blocks. Cloning it shares every block, and a change copies only the
//! block it touches. The dashboard hands its store to the save and figures workers by sharing
//! it; a change made while they still read the last version must not change that version, so
//! the screen changes a copy, and with a million interactions in one vector that copy took a
//! quarter of a second. Here it is one block of a few thousand.
//!
//! Positions are those of the whole list, as in a `Vec`; the blocks are an implementation
//! detail except to code that reads the list in runs on several cores ([`Blocks::slices`]).

use std::fmt;
use std::iter::FlatMap;
use std::marker::PhantomData;
use std::ops::{Index, IndexMut, Range};
use std::sync::Arc;

use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};
use serde::{Serialize, Serializer};

/// Records per block as a list is built. A block may grow to twice this by insertions before it
/// is split; copying one costs well under a millisecond.
pub const BLOCK: usize = 4096;

pub struct Blocks<T> {
    blocks: Vec<Arc<Vec<T>>>,
    /// `ends[k]`: how many records blocks `0..=k` hold together.
    ends: Vec<usize>,
}

impl<T> Blocks<T> {
    pub const fn new() -> Self {
        Blocks {
            blocks: Vec::new(),
            ends: Vec::new(),
        }
    }

    /// A list made of these blocks as they are (empty ones left out).
    pub(crate) fn from_blocks(blocks: impl IntoIterator<Item = Vec<T>>) -> Self {
        let mut out = Blocks::new();
        out.blocks = blocks
            .into_iter()
            .filter(|b| !b.is_empty())
            .map(Arc::new)
            .collect();
        out.reindex();
        out
    }

    /// Moves the blocks of `other` to the end of this list, as they are.
    pub fn append(&mut self, other: Blocks<T>) {
        self.blocks.extend(other.blocks);
        self.reindex();
    }

    pub fn len(&self) -> usize {
        self.ends.last().copied().unwrap_or(0)
    }

    /// The blocks themselves: two lists that share a block hold the same records in it, which
    /// lets a diff skip it without looking inside.
    pub(crate) fn shared_blocks(&self) -> &[Arc<Vec<T>>] {
        &self.blocks
    }

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    pub fn iter(&self) -> Iter<'_, T> {
        Iter {
            inner: self.blocks.iter().flat_map(as_slice as _),
            left: self.len(),
        }
    }

    pub fn get(&self, i: usize) -> Option<&T> {
        let (b, at) = self.locate(i)?;
        self.blocks[b].get(at)
    }

    pub fn first(&self) -> Option<&T> {
        self.blocks.first().and_then(|b| b.first())
    }

    /// The runs of records that hold positions `range`, in order.
    pub fn slices(&self, range: Range<usize>) -> impl Iterator<Item = &[T]> + Clone + '_ {
        let end = range.end.min(self.len());
        let start = range.start.min(end);
        let first = self.ends.partition_point(|e| *e <= start);
        self.blocks[first..]
            .iter()
            .zip(first..)
            .map_while(move |(block, k)| {
                let from = self.start_of(k);
                (from < end).then(|| {
                    let lo = start.saturating_sub(from);
                    let hi = (end - from).min(block.len());
                    &block[lo..hi]
                })
            })
    }

    /// How many records come before the first one for which `pred` is false; `pred` must be
    /// true for a prefix of the list and false for the rest, as for [`slice::partition_point`].
    pub fn partition_point(&self, mut pred: impl FnMut(&T) -> bool) -> usize {
        let k = self
            .blocks
            .partition_point(|b| b.last().is_some_and(&mut pred));
        match self.blocks.get(k) {
            Some(block) => self.start_of(k) + block.partition_point(pred),
            None => self.len(),
        }
    }

    /// As [`slice::binary_search_by`], on a list sorted as `f` orders it.
    pub fn binary_search_by(
        &self,
        mut f: impl FnMut(&T) -> std::cmp::Ordering,
    ) -> Result<usize, usize> {
        let at = self.partition_point(|x| f(x) == std::cmp::Ordering::Less);
        match self.get(at) {
            Some(x) if f(x) == std::cmp::Ordering::Equal => Ok(at),
            _ => Err(at),
        }
    }

    fn start_of(&self, k: usize) -> usize {
        if k == 0 { 0 } else { self.ends[k - 1] }
    }

    /// The block holding position `i`, and where in it.
    fn locate(&self, i: usize) -> Option<(usize, usize)> {
        if i >= self.len() {
            return None;
        }
        // Blocks mostly hold `BLOCK` records each, so the guess is usually right at once.
        let guess = (i / BLOCK).min(self.blocks.len() - 1);
        let k = if self.start_of(guess) <= i && i < self.ends[guess] {
            guess
        } else {
            self.ends.partition_point(|e| *e <= i)
        };
        Some((k, i - self.start_of(k)))
    }

    fn reindex(&mut self) {
        self.ends.clear();
        let mut total = 0;
        for b in &self.blocks {
            total += b.len();
            self.ends.push(total);
        }
    }
}

impl<T: Clone> Blocks<T> {
    pub fn push(&mut self, x: T) {
        match self.blocks.last_mut() {
            Some(last) if last.len() < BLOCK => {
                Arc::make_mut(last).push(x);
                *self.ends.last_mut().expect("a block has its end") += 1;
            }
            _ => {
                let mut block = Vec::with_capacity(BLOCK);
                block.push(x);
                self.blocks.push(Arc::new(block));
                self.ends.push(self.len() + 1);
            }
        }
    }

    /// Puts `x` at position `i` (at most the length), moving the records from there on by one.
    pub fn insert(&mut self, i: usize, x: T) {
        assert!(i <= self.len(), "insertion at {i} past the end");
        if i == self.len() {
            return self.push(x);
        }
        let (k, at) = self.locate(i).expect("a position inside the list");
        let block = Arc::make_mut(&mut self.blocks[k]);
        block.insert(at, x);
        if block.len() >= 2 * BLOCK {
            let tail = block.split_off(block.len() / 2);
            self.blocks.insert(k + 1, Arc::new(tail));
        }
        self.reindex();
    }

    /// Takes out the record at position `i`.
    pub fn remove(&mut self, i: usize) -> T {
        let Some((k, at)) = self.locate(i) else {
            panic!("removal at {i} past the end ({})", self.len());
        };
        let x = Arc::make_mut(&mut self.blocks[k]).remove(at);
        if self.blocks[k].is_empty() {
            self.blocks.remove(k);
        }
        self.reindex();
        x
    }

    /// Keeps the records for which `keep` is true, in order; blocks that keep all theirs are
    /// not copied.
    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        let mut flags = Vec::new();
        for block in &mut self.blocks {
            flags.clear();
            flags.extend(block.iter().map(&mut keep));
            if flags.iter().all(|k| *k) {
                continue;
            }
            let mut flag = flags.iter();
            Arc::make_mut(block).retain(|_| *flag.next().expect("a flag per record"));
        }
        self.blocks.retain(|b| !b.is_empty());
        self.reindex();
    }

    /// Keeps the first `n` records.
    pub fn truncate(&mut self, n: usize) {
        if n >= self.len() {
            return;
        }
        let k = self.ends.partition_point(|e| *e <= n);
        let keep = n - self.start_of(k);
        self.blocks.truncate(k + 1);
        Arc::make_mut(&mut self.blocks[k]).truncate(keep);
        self.blocks.retain(|b| !b.is_empty());
        self.reindex();
    }

    pub fn first_mut(&mut self) -> Option<&mut T> {
        self.blocks
            .first_mut()
            .and_then(|b| Arc::make_mut(b).first_mut())
    }

    pub fn last_mut(&mut self) -> Option<&mut T> {
        self.blocks
            .last_mut()
            .and_then(|b| Arc::make_mut(b).last_mut())
    }

    pub fn iter_mut(&mut self) -> IterMut<'_, T> {
        self.blocks.iter_mut().flat_map(as_mut_slice as _)
    }

    /// Changes, with `f`, the records for which `pick` is true; only their blocks are copied.
    pub fn modify_where(&mut self, pick: impl Fn(&T) -> bool, mut f: impl FnMut(&mut T)) {
        for block in &mut self.blocks {
            if block.iter().any(&pick) {
                Arc::make_mut(block)
                    .iter_mut()
                    .filter(|x| pick(x))
                    .for_each(&mut f);
            }
        }
    }

    /// Sorts the whole list (stable), as [`slice::sort_by`]. A list already in order is left
    /// as it is, its blocks still shared.
    pub fn sort_by(&mut self, mut compare: impl FnMut(&T, &T) -> std::cmp::Ordering) {
        if self
            .iter()
            .is_sorted_by(|a, b| compare(a, b) != std::cmp::Ordering::Greater)
        {
            return;
        }
        let mut all = std::mem::take(self).into_vec();
        all.sort_by(compare);
        *self = Blocks::from(all);
    }

    /// Sorts the whole list (stable), as [`slice::sort_by_key`]; see [`Blocks::sort_by`].
    pub fn sort_by_key<K: Ord>(&mut self, mut key: impl FnMut(&T) -> K) {
        if self.iter().is_sorted_by_key(&mut key) {
            return;
        }
        let mut all = std::mem::take(self).into_vec();
        all.sort_by_key(key);
        *self = Blocks::from(all);
    }

    /// The records as one vector: moved out of blocks nobody else holds, copied from the rest.
    pub fn into_vec(self) -> Vec<T> {
        let mut out = Vec::with_capacity(self.len());
        for block in self.blocks {
            match Arc::try_unwrap(block) {
                Ok(v) => out.extend(v),
                Err(shared) => out.extend_from_slice(&shared),
            }
        }
        out
    }
}

fn as_slice<T>(block: &Arc<Vec<T>>) -> &[T] {
    block
}

fn as_mut_slice<T: Clone>(block: &mut Arc<Vec<T>>) -> &mut [T] {
    Arc::make_mut(block).as_mut_slice()
}

type BlockIter<'a, T> = std::slice::Iter<'a, Arc<Vec<T>>>;
type SliceOf<'a, T> = fn(&'a Arc<Vec<T>>) -> &'a [T];
type MutSliceOf<'a, T> = fn(&'a mut Arc<Vec<T>>) -> &'a mut [T];

/// The records in order, front to back or back to front.
pub struct Iter<'a, T> {
    inner: FlatMap<BlockIter<'a, T>, &'a [T], SliceOf<'a, T>>,
    left: usize,
}

impl<'a, T> Iterator for Iter<'a, T> {
    type Item = &'a T;

    fn next(&mut self) -> Option<&'a T> {
        let x = self.inner.next()?;
        self.left -= 1;
        Some(x)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl<T> DoubleEndedIterator for Iter<'_, T> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let x = self.inner.next_back()?;
        self.left -= 1;
        Some(x)
    }
}

impl<T> ExactSizeIterator for Iter<'_, T> {}

pub type IterMut<'a, T> =
    std::iter::FlatMap<std::slice::IterMut<'a, Arc<Vec<T>>>, &'a mut [T], MutSliceOf<'a, T>>;

impl<T> Default for Blocks<T> {
    fn default() -> Self {
        Blocks::new()
    }
}

impl<T> Clone for Blocks<T> {
    /// Shares every block: a change to either list afterwards copies only its block.
    fn clone(&self) -> Self {
        Blocks {
            blocks: self.blocks.clone(),
            ends: self.ends.clone(),
        }
    }
}

impl<T> From<Vec<T>> for Blocks<T> {
    fn from(all: Vec<T>) -> Self {
        if all.len() <= BLOCK {
            return Blocks::from_blocks([all]);
        }
        let mut blocks = Vec::with_capacity(all.len().div_ceil(BLOCK));
        let mut rest = all.into_iter();
        loop {
            let block: Vec<T> = rest.by_ref().take(BLOCK).collect();
            if block.is_empty() {
                break;
            }
            blocks.push(block);
        }
        Blocks::from_blocks(blocks)
    }
}

impl<T: Clone> FromIterator<T> for Blocks<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut out = Blocks::new();
        out.extend(iter);
        out
    }
}

impl<T: Clone> Extend<T> for Blocks<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for x in iter {
            self.push(x);
        }
    }
}

impl<T> Index<usize> for Blocks<T> {
    type Output = T;

    fn index(&self, i: usize) -> &T {
        match self.get(i) {
            Some(x) => x,
            None => panic!("index {i} out of range for a list of {}", self.len()),
        }
    }
}

impl<T: Clone> IndexMut<usize> for Blocks<T> {
    fn index_mut(&mut self, i: usize) -> &mut T {
        let len = self.len();
        let Some((k, at)) = self.locate(i) else {
            panic!("index {i} out of range for a list of {len}");
        };
        &mut Arc::make_mut(&mut self.blocks[k])[at]
    }
}

impl<T: Clone> IntoIterator for Blocks<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.into_vec().into_iter()
    }
}

impl<'a, T> IntoIterator for &'a Blocks<T> {
    type Item = &'a T;
    type IntoIter = Iter<'a, T>;

    fn into_iter(self) -> Iter<'a, T> {
        self.iter()
    }
}

impl<'a, T: Clone> IntoIterator for &'a mut Blocks<T> {
    type Item = &'a mut T;
    type IntoIter = IterMut<'a, T>;

    fn into_iter(self) -> IterMut<'a, T> {
        self.iter_mut()
    }
}

impl<T: PartialEq> PartialEq for Blocks<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<T: fmt::Debug> fmt::Debug for Blocks<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T: Serialize> Serialize for Blocks<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de, T: Deserialize<'de> + Clone> Deserialize<'de> for Blocks<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Records<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de> + Clone> Visitor<'de> for Records<T> {
            type Value = Blocks<T>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a sequence")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Blocks<T>, A::Error> {
                let mut out = Blocks::new();
                while let Some(x) = seq.next_element()? {
                    out.push(x);
                }
                Ok(out)
            }
        }

        deserializer.deserialize_seq(Records(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// One change to a list, applied alike to a `Vec` and to `Blocks`.
    #[derive(Clone, Debug)]
    enum Change {
        Push(u32),
        Insert(usize, u32),
        Remove(usize),
        Set(usize, u32),
        RetainOdd,
        Truncate(usize),
        Sort,
    }

    fn change() -> impl Strategy<Value = Change> {
        prop_oneof![
            4 => any::<u32>().prop_map(Change::Push),
            4 => (any::<usize>(), any::<u32>()).prop_map(|(i, x)| Change::Insert(i, x)),
            3 => any::<usize>().prop_map(Change::Remove),
            2 => (any::<usize>(), any::<u32>()).prop_map(|(i, x)| Change::Set(i, x)),
            1 => Just(Change::RetainOdd),
            1 => any::<usize>().prop_map(Change::Truncate),
            1 => Just(Change::Sort),
        ]
    }

    fn apply(v: &mut Vec<u32>, b: &mut Blocks<u32>, c: &Change) {
        let n = v.len();
        match *c {
            Change::Push(x) => {
                v.push(x);
                b.push(x);
            }
            Change::Insert(i, x) => {
                v.insert(i % (n + 1), x);
                b.insert(i % (n + 1), x);
            }
            Change::Remove(i) if n > 0 => assert_eq!(v.remove(i % n), b.remove(i % n)),
            Change::Set(i, x) if n > 0 => {
                v[i % n] = x;
                b[i % n] = x;
            }
            Change::RetainOdd => {
                v.retain(|x| x % 2 == 1);
                b.retain(|x| x % 2 == 1);
            }
            Change::Truncate(k) => {
                v.truncate(k % (n + 2));
                b.truncate(k % (n + 2));
            }
            Change::Sort => {
                v.sort_by_key(|x| *x);
                b.sort_by_key(|x| *x);
            }
            Change::Remove(_) | Change::Set(..) => {}
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever is done to it, the list reads as a `Vec` given the same changes, whole, by
        /// position, backwards, in runs and by search, and a copy taken before is untouched.
        #[test]
        fn a_list_in_blocks_behaves_as_a_vec(
            start in 0usize..(3 * BLOCK),
            changes in proptest::collection::vec(change(), 0..40),
            probe in any::<u32>(),
        ) {
            let mut v: Vec<u32> = (0..start as u32).map(|x| x.wrapping_mul(2_654_435_761)).collect();
            let mut b = Blocks::from(v.clone());
            let before = (v.clone(), b.clone());
            for c in &changes {
                apply(&mut v, &mut b, c);
                prop_assert_eq!(b.len(), v.len());
            }
            prop_assert_eq!(b.iter().copied().collect::<Vec<_>>(), v.clone());
            prop_assert_eq!(b.iter().rev().copied().collect::<Vec<_>>(),
                v.iter().rev().copied().collect::<Vec<_>>());
            for i in (0..v.len()).step_by(97) {
                prop_assert_eq!(b[i], v[i]);
            }
            prop_assert_eq!(b.get(v.len()), None);
            let (lo, hi) = (v.len() / 3, v.len() - v.len() / 4);
            let runs: Vec<u32> = b.slices(lo..hi).flatten().copied().collect();
            prop_assert_eq!(&runs[..], &v[lo..hi]);
            v.sort_unstable();
            let b = Blocks::from(v.clone());
            prop_assert_eq!(b.partition_point(|x| *x < probe), v.partition_point(|x| *x < probe));
            prop_assert_eq!(
                b.binary_search_by(|x| x.cmp(&probe)).is_ok(),
                v.binary_search(&probe).is_ok()
            );
            prop_assert_eq!(b.iter().copied().collect::<Vec<_>>(), v);
            // The copy taken before the changes still holds what it held.
            prop_assert_eq!(before.1.iter().copied().collect::<Vec<_>>(), before.0);
        }
    }

    #[test]
    fn a_change_copies_only_the_block_it_touches() {
        let mut list = Blocks::from((0..10 * BLOCK as u32).collect::<Vec<_>>());
        let copy = list.clone();
        list[5 * BLOCK + 3] = 7;
        let shared = list
            .blocks
            .iter()
            .zip(&copy.blocks)
            .filter(|(a, b)| Arc::ptr_eq(a, b))
            .count();
        assert_eq!(shared, 9);
        assert_eq!(copy[5 * BLOCK + 3], 5 * BLOCK as u32 + 3);
    }

    #[test]
    fn a_block_grown_by_insertions_is_split() {
        let mut list = Blocks::from(vec![0u8; BLOCK]);
        for _ in 0..BLOCK {
            list.insert(1, 1);
        }
        assert!(list.blocks.iter().all(|b| b.len() < 2 * BLOCK));
        assert_eq!(list.len(), 2 * BLOCK);
    }

    #[test]
    fn it_reads_and_writes_as_a_json_array() {
        let list: Blocks<u32> = serde_json::from_str("[3, 1, 2]").unwrap();
        assert_eq!(list.iter().copied().collect::<Vec<_>>(), [3, 1, 2]);
        assert_eq!(serde_json::to_string(&list).unwrap(), "[3,1,2]");
    }
}
