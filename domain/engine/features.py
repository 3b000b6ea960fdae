"""Sparse feature rows as the engine keeps them: the hashed feature space (`N_FEATURES`, which
the theme vectors of `topics` live in), row helpers, and rows as the sparse dicts stored as
theme centroids.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import numpy as np
from scipy import sparse

from domain.engine.centroids import CENTROID_TERMS

N_FEATURES = 2**20


def rows_of(matrix: sparse.spmatrix | np.ndarray) -> int:
    """The number of rows (scipy's stubs allow a shape of None)."""
    return int(cast(tuple[int, int], matrix.shape)[0])


def dot(a: sparse.csr_matrix, b: sparse.csr_matrix) -> float:
    """Cosine of two normalised single-row vectors, by intersecting their sorted indices."""
    _, ia, ib = np.intersect1d(a.indices, b.indices, assume_unique=True, return_indices=True)
    return float(np.dot(a.data[ia], b.data[ib]))


def stack_rows(rows: Sequence[sparse.csr_matrix]) -> sparse.csr_matrix:
    """Single-row matrices as one matrix, by concatenating their arrays.

    `scipy.sparse.vstack` spends tens of microseconds per block on checks; for thousands of
    rows of one shape and format, plain concatenation is an order of magnitude faster.
    """
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([row.nnz for row in rows], out=indptr[1:])
    if not rows:
        return sparse.csr_matrix((0, N_FEATURES), dtype=np.float32)
    indices = np.concatenate([row.indices for row in rows])
    data = np.concatenate([row.data for row in rows])
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), N_FEATURES))


def paired_dots(left: list[sparse.csr_matrix], right: list[sparse.csr_matrix]) -> np.ndarray:
    """Cosines of many pairs of normalised rows: row n of the result is left[n] · right[n].

    Each distinct row is stacked once; the pairs are then gathered by row index.
    """
    position: dict[int, int] = {}
    unique: list[sparse.csr_matrix] = []
    for row in (*left, *right):
        if id(row) not in position:
            position[id(row)] = len(unique)
            unique.append(row)
    matrix = stack_rows(unique)
    a = matrix[np.fromiter((position[id(r)] for r in left), dtype=np.int64, count=len(left))]
    b = matrix[np.fromiter((position[id(r)] for r in right), dtype=np.int64, count=len(right))]
    return np.asarray(a.multiply(b).sum(axis=1), dtype=np.float64).ravel()


def to_sparse_dict(row: sparse.csr_matrix, keep: int = CENTROID_TERMS) -> dict[str, float]:
    coo = row.tocoo()
    if coo.nnz > keep:
        top = np.argpartition(np.negative(np.asarray(coo.data)), keep)[:keep]
        cols, data = coo.col[top], coo.data[top]
    else:
        cols, data = coo.col, coo.data
    norm = float(np.sqrt((data**2).sum())) or 1.0
    return {str(int(c)): round(float(v) / norm, 6) for c, v in zip(cols, data, strict=True)}


def from_sparse_dict(values: dict[str, float]) -> sparse.csr_matrix:
    if not values:
        return sparse.csr_matrix((1, N_FEATURES), dtype=np.float32)
    cols = np.fromiter((int(k) for k in values), dtype=np.int64, count=len(values))
    data = np.fromiter(values.values(), dtype=np.float32, count=len(values))
    rows = np.zeros(len(values), dtype=np.int64)
    return sparse.csr_matrix((data, (rows, cols)), shape=(1, N_FEATURES))


def mean_row(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    summed = sparse.csr_matrix(matrix.sum(axis=0))
    norm = float(np.sqrt(summed.multiply(summed).sum())) or 1.0
    return summed / norm
