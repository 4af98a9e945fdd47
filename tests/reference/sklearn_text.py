#!/usr/bin/python3
"""Fixtures for Scratch.ML.Learn.Text: CountVectorizer and TfidfVectorizer on a small fixed corpus (scikit-learn 1.2).

Writes tests/reference/fixtures/learn/text/text.json: per case the options, the feature names (vocabulary in column
order) and the dense matrices for the fitting corpus and for unseen documents.
"""
import json
import os

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, HashingVectorizer, TfidfVectorizer
from sklearn.utils import murmurhash3_32

CORPUS = [
    "The quick brown fox jumps over the lazy dog.",
    "The dog barks; the fox runs away, quick quick!",
    "A lazy afternoon: the cat sleeps and the dog sleeps too.",
    "Is this the first document? This document is the second document.",
    "And this is the third one, with a Café and a CAFÉ.",
    "The the THE of and to",
    "Brown cats and brown dogs: 42 of them, 7 x 3 = 21.",
]
NEW = [
    "A quick brown cat jumps over the dog dog dog.",
    "Nothing known here: zebra yak.",
    "the first document about the lazy fox",
]

COUNT_CASES = {
    "count_default": {},
    "count_bigrams_english": {"ngram_range": [1, 2], "stop_words": "english"},
    "count_23grams": {"ngram_range": [2, 3]},
    "count_mindf2_maxdf_half": {"min_df": 2, "max_df": 0.5},
    "count_mindf_frac_maxdf_int": {"min_df": 0.2, "max_df": 4},
    "count_maxfeatures_binary": {"max_features": 6, "binary": True},
    "count_maxfeatures": {"max_features": 5},
    "count_case_sensitive": {"lowercase": False},
}
TFIDF_CASES = {
    "tfidf_default": {},
    "tfidf_l1_sublinear_nosmooth": {"norm": "l1", "sublinear_tf": True, "smooth_idf": False},
    "tfidf_none_noidf": {"norm": None, "use_idf": False},
    "tfidf_binary_bigrams_english": {"binary": True, "ngram_range": [1, 2], "stop_words": "english", "min_df": 2},
}


def run(cls, params):
    kw = dict(params)
    if "ngram_range" in kw:
        kw["ngram_range"] = tuple(kw["ngram_range"])
    v = cls(**kw).fit(CORPUS)
    names = list(v.get_feature_names_out())
    assert [v.vocabulary_[t] for t in names] == list(range(len(names)))
    return {
        "params": params,
        "features": names,
        "fit": v.transform(CORPUS).toarray().tolist(),
        "new": v.transform(NEW).toarray().tolist(),
        **({"idf": v.idf_.tolist()} if getattr(v, "use_idf", False) else {}),
    }


def main():
    out = {"corpus": CORPUS, "new": NEW, "cases": {}}
    for name, p in COUNT_CASES.items():
        out["cases"][name] = {"kind": "count", **run(CountVectorizer, p)}
    for name, p in TFIDF_CASES.items():
        out["cases"][name] = {"kind": "tfidf", **run(TfidfVectorizer, p)}
    hashing = {
        "default_32": {"n_features": 32},
        "l1_nosign_bigrams": {"n_features": 16, "norm": "l1", "alternate_sign": False, "ngram_range": (1, 2)},
        "none_binary_english": {"n_features": 64, "norm": None, "binary": True, "stop_words": "english"},
        # 8 columns: signed collisions cancel to stored zeros, which binary=True still turns into ones.
        "none_binary_collisions": {"n_features": 8, "norm": None, "binary": True},
    }
    out["hashing"] = {}
    for name, p in hashing.items():
        h = HashingVectorizer(**p)
        p = dict(p)
        if "ngram_range" in p:
            p["ngram_range"] = list(p["ngram_range"])
        out["hashing"][name] = {"params": p, "fit": h.transform(CORPUS).toarray().tolist(), "new": h.transform(NEW).toarray().tolist()}
    words = ["", "a", "ab", "abc", "abcd", "abcde", "café", "quick brown fox", "the lazy dog jumps"]
    out["murmur"] = {"words": words, "hashes": [int(murmurhash3_32(w, seed=0)) for w in words]}
    # NumPy 1.24 argsort (introsort, not stable past 16 elements) on many ties, as max_features uses it.
    rng = np.random.RandomState(0)
    v = rng.randint(0, 5, size=200)
    out["argsort"] = {"values": v.tolist(), "order": np.argsort(v).tolist()}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "learn", "text", "text.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=None, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
