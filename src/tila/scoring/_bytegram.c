/* The gram matrix of a block of small whole numbers, in byte arithmetic.
 *
 * Pairwise alpha needs, over every respondent, the gram matrix of [keyed answers | answered
 * mask] (gram.py). In float32 BLAS that product is the scoring pass's most costly step. Answers
 * kept as bytes are small whole numbers, and AVX2's byte multiply-add (vpmaddubsw) does 32
 * multiply-adds per instruction against 8 for a float32 FMA, so the same sums come out about
 * three times faster, and exact: integers all the way, no rounding at all.
 *
 * add_gram(block, rows, width, out): block is a (rows, width) uint8 matrix stored column by
 * column; out, a (width, width) float64 matrix, gets block^T block added to it.
 * add_cross(a, b, rows, wa, wb, out): the same for a^T b, as the complete-case sums need
 * (answers and their squares against who answered every item of each target).
 * column_sums(...): sums of lists of a block's columns, per row, as each target's raw sum and
 * answer count need (weights of 1 only; other weights stay with BLAS).
 * Each returns False, touching nothing, when it cannot take the blocks (a byte above 127, or a
 * machine without AVX2); the caller then uses BLAS. The GIL is released while they run, so the
 * pass's worker threads run them side by side.
 *
 * Built when tila is installed (hatch_build.py); without a C compiler tila installs without it
 * and scores with BLAS alone, to the same figures.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#if defined(__GNUC__) && defined(__x86_64__)
#define TILA_AVX2 1
#include <immintrin.h>
#else
#define TILA_AVX2 0
#endif

#if TILA_AVX2

/* The largest byte of n. */
__attribute__((target("avx2"))) static unsigned block_max(const uint8_t *p, Py_ssize_t n) {
    __m256i m = _mm256_setzero_si256();
    Py_ssize_t i = 0;
    for (; i + 32 <= n; i += 32)
        m = _mm256_max_epu8(m, _mm256_loadu_si256((const __m256i *)(p + i)));
    uint8_t lanes[32];
    _mm256_storeu_si256((__m256i *)lanes, m);
    unsigned best = 0;
    for (int l = 0; l < 32; l++)
        best = lanes[l] > best ? lanes[l] : best;
    for (; i < n; i++)
        best = p[i] > best ? p[i] : best;
    return best;
}

/* Sum of one accumulator's sixteen int16 lanes, widened first. */
__attribute__((target("avx2"))) static int64_t lanes_sum(__m256i s) {
    int32_t lanes[8];
    _mm256_storeu_si256((__m256i *)lanes, _mm256_madd_epi16(s, _mm256_set1_epi16(1)));
    int64_t t = 0;
    for (int l = 0; l < 8; l++)
        t += lanes[l];
    return t;
}

#define LOAD(p) _mm256_loadu_si256((const __m256i *)(p))
#define MAC(s, a, b) s = _mm256_add_epi16(s, _mm256_maddubs_epi16(a, b))

/* Dot products of columns i0, i0+1 of A with columns j0..j0+3 of B over rows [0, full), full a
 * multiple of 32, into acc (2 x 4). Two rows of a tile share their loads: eight products from six loads.
 * vpmaddubsw adds two byte products into an int16 lane; lanes are summed in int16 for at most
 * `chunk` steps (no overflow for the block's largest byte), then widened. */
__attribute__((target("avx2"))) static void tile_2x4(const uint8_t *A, const uint8_t *B,
                                                     Py_ssize_t ld, Py_ssize_t i0, Py_ssize_t j0,
                                                     Py_ssize_t full, Py_ssize_t chunk,
                                                     int64_t acc[8]) {
    const uint8_t *a0p = A + i0 * ld, *a1p = a0p + ld;
    const uint8_t *b0p = B + j0 * ld, *b1p = b0p + ld, *b2p = b1p + ld, *b3p = b2p + ld;
    for (Py_ssize_t r0 = 0; r0 < full; r0 += chunk) {
        Py_ssize_t r1 = r0 + chunk < full ? r0 + chunk : full;
        __m256i s00 = _mm256_setzero_si256(), s01 = s00, s02 = s00, s03 = s00;
        __m256i s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        for (Py_ssize_t r = r0; r < r1; r += 32) {
            __m256i a0 = LOAD(a0p + r), a1 = LOAD(a1p + r);
            /* One column of B against both columns of A: one load, two products. */
#define COLUMN(bp, s0, s1)                                                                    \
    do {                                                                                      \
        __m256i b = LOAD(bp + r);                                                             \
        MAC(s0, a0, b);                                                                       \
        MAC(s1, a1, b);                                                                       \
    } while (0)
            COLUMN(b0p, s00, s10);
            COLUMN(b1p, s01, s11);
            COLUMN(b2p, s02, s12);
            COLUMN(b3p, s03, s13);
#undef COLUMN
        }
        acc[0] += lanes_sum(s00);
        acc[1] += lanes_sum(s01);
        acc[2] += lanes_sum(s02);
        acc[3] += lanes_sum(s03);
        acc[4] += lanes_sum(s10);
        acc[5] += lanes_sum(s11);
        acc[6] += lanes_sum(s12);
        acc[7] += lanes_sum(s13);
    }
}

/* One pair of columns, for the edges of the matrix the 2 x 4 tiles do not cover. */
__attribute__((target("avx2"))) static int64_t dot_1x1(const uint8_t *a, const uint8_t *b,
                                                       Py_ssize_t full, Py_ssize_t chunk) {
    int64_t t = 0;
    for (Py_ssize_t r0 = 0; r0 < full; r0 += chunk) {
        Py_ssize_t r1 = r0 + chunk < full ? r0 + chunk : full;
        __m256i s = _mm256_setzero_si256();
        for (Py_ssize_t r = r0; r < r1; r += 32)
            MAC(s, LOAD(a + r), LOAD(b + r));
        t += lanes_sum(s);
    }
    return t;
}

/* out += A^T B over the first `full` rows (a multiple of 32), for column-major byte matrices
 * (rows, wa) and (rows, wb) whose bytes are all <= top <= 127; out is (wa, wb), row-major.
 * When A is B only the upper triangle is worked out, and mirrored. */
__attribute__((target("avx2"))) static void products_avx2(const uint8_t *A, Py_ssize_t wa,
                                                          const uint8_t *B, Py_ssize_t wb,
                                                          Py_ssize_t rows, unsigned top,
                                                          double *out) {
    int sym = A == B && wa == wb;
    /* Each vpmaddubsw lane adds two products of at most top * top; int16 holds 32767. */
    Py_ssize_t steps = top ? 32767 / (2 * (Py_ssize_t)top * top) : 1024;
    if (steps > 1024)
        steps = 1024;
    Py_ssize_t chunk = steps * 32, full = rows / 32 * 32;
    for (Py_ssize_t i = 0; i < wa; i += 2) {
        for (Py_ssize_t j = sym ? i : 0; j < wb; j += 4) {
            int64_t acc[8] = {0};
            if (i + 2 <= wa && j + 4 <= wb) {
                tile_2x4(A, B, rows, i, j, full, chunk, acc);
            } else {  /* the edges the 2 x 4 tiles do not cover, pair by pair */
                for (Py_ssize_t a = 0; a < 2 && i + a < wa; a++)
                    for (Py_ssize_t b = 0; b < 4 && j + b < wb; b++)
                        acc[a * 4 + b] = dot_1x1(A + (i + a) * rows, B + (j + b) * rows, full,
                                                 chunk);
            }
            for (Py_ssize_t a = 0; a < 2 && i + a < wa; a++)
                for (Py_ssize_t b = 0; b < 4 && j + b < wb; b++) {
                    Py_ssize_t ia = i + a, jb = j + b;
                    if (sym && jb < ia)
                        continue;
                    out[ia * wb + jb] += (double)acc[a * 4 + b];
                    if (sym && jb != ia)
                        out[jb * wb + ia] += (double)acc[a * 4 + b];
                }
        }
    }
    /* The last rows % 32 rows, one by one. */
    for (Py_ssize_t r = full; r < rows; r++)
        for (Py_ssize_t a = 0; a < wa; a++) {
            int64_t x = A[a * rows + r];
            if (x == 0)
                continue;
            for (Py_ssize_t b = sym ? a : 0; b < wb; b++) {
                int64_t v = x * B[b * rows + r];
                out[a * wb + b] += (double)v;
                if (sym && b != a)
                    out[b * wb + a] += (double)v;
            }
        }
}

/* For each list c, out column cols[c] (float32, column-major, rows long) = the sum of the
 * block's columns index[offsets[c]:offsets[c + 1]]. Sums are whole numbers below 65536 (at most
 * 257 bytes each), so they are added as uint16 lanes and converted to float32 exactly. */
__attribute__((target("avx2"))) static void sums_avx2(const uint8_t *A, Py_ssize_t rows,
                                                      const int32_t *index,
                                                      const int32_t *offsets,
                                                      const int32_t *cols, Py_ssize_t lists,
                                                      float *out) {
    Py_ssize_t full = rows / 32 * 32;
    for (Py_ssize_t c = 0; c < lists; c++) {
        const int32_t *m = index + offsets[c];
        int32_t n = offsets[c + 1] - offsets[c];
        float *o = out + (Py_ssize_t)cols[c] * rows;
        for (Py_ssize_t r = 0; r < full; r += 32) {
            __m256i lo = _mm256_setzero_si256(), hi = lo;  /* rows r..r+15, r+16..r+31 */
            for (int32_t j = 0; j < n; j++) {
                __m256i b = LOAD(A + (Py_ssize_t)m[j] * rows + r);
                lo = _mm256_add_epi16(lo, _mm256_cvtepu8_epi16(_mm256_castsi256_si128(b)));
                hi = _mm256_add_epi16(hi, _mm256_cvtepu8_epi16(_mm256_extracti128_si256(b, 1)));
            }
            _mm256_storeu_ps(o + r, _mm256_cvtepi32_ps(
                _mm256_cvtepu16_epi32(_mm256_castsi256_si128(lo))));
            _mm256_storeu_ps(o + r + 8, _mm256_cvtepi32_ps(
                _mm256_cvtepu16_epi32(_mm256_extracti128_si256(lo, 1))));
            _mm256_storeu_ps(o + r + 16, _mm256_cvtepi32_ps(
                _mm256_cvtepu16_epi32(_mm256_castsi256_si128(hi))));
            _mm256_storeu_ps(o + r + 24, _mm256_cvtepi32_ps(
                _mm256_cvtepu16_epi32(_mm256_extracti128_si256(hi, 1))));
        }
        for (Py_ssize_t r = full; r < rows; r++) {
            int32_t t = 0;
            for (int32_t j = 0; j < n; j++)
                t += A[(Py_ssize_t)m[j] * rows + r];
            o[r] = (float)t;
        }
    }
}

static int has_avx2(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}

#else

static int has_avx2(void) { return 0; }

#endif

/* out += A^T B; False, with out untouched, when it cannot (see the top of this file). */
static PyObject *products(const Py_buffer *a, Py_ssize_t wa, const Py_buffer *b, Py_ssize_t wb,
                          Py_ssize_t rows, const Py_buffer *out) {
    if (rows < 0 || wa < 0 || wb < 0 || a->len != rows * wa || b->len != rows * wb ||
        out->len != wa * wb * (Py_ssize_t)sizeof(double) || !PyBuffer_IsContiguous(a, 'A') ||
        !PyBuffer_IsContiguous(b, 'A') || !PyBuffer_IsContiguous(out, 'A')) {
        PyErr_SetString(PyExc_ValueError,
                        "blocks must be rows*width contiguous bytes and out a contiguous "
                        "float64 matrix of their widths");
        return NULL;
    }
#if TILA_AVX2
    if (has_avx2()) {
        const uint8_t *A = (const uint8_t *)a->buf, *B = (const uint8_t *)b->buf;
        unsigned top;
        Py_BEGIN_ALLOW_THREADS
        top = block_max(A, a->len);
        if (B != A) {
            unsigned tb = block_max(B, b->len);
            top = tb > top ? tb : top;
        }
        if (top <= 127)
            products_avx2(A, wa, B, wb, rows, top, (double *)out->buf);
        Py_END_ALLOW_THREADS
        return PyBool_FromLong(top <= 127);
    }
#endif
    return Py_NewRef(Py_False);
}

static PyObject *add_gram(PyObject *self, PyObject *args) {
    Py_buffer block, out;
    Py_ssize_t rows, width;
    (void)self;
    if (!PyArg_ParseTuple(args, "y*nnw*", &block, &rows, &width, &out))
        return NULL;
    PyObject *result = products(&block, width, &block, width, rows, &out);
    PyBuffer_Release(&block);
    PyBuffer_Release(&out);
    return result;
}

static PyObject *add_cross(PyObject *self, PyObject *args) {
    Py_buffer a, b, out;
    Py_ssize_t rows, wa, wb;
    (void)self;
    if (!PyArg_ParseTuple(args, "y*y*nnnw*", &a, &b, &rows, &wa, &wb, &out))
        return NULL;
    PyObject *result = products(&a, wa, &b, wb, rows, &out);
    PyBuffer_Release(&a);
    PyBuffer_Release(&b);
    PyBuffer_Release(&out);
    return result;
}

static PyObject *column_sums(PyObject *self, PyObject *args) {
    Py_buffer block, index, offsets, cols, out;
    Py_ssize_t rows, width, out_width;
    (void)self;
    if (!PyArg_ParseTuple(args, "y*nny*y*y*w*n", &block, &rows, &width, &index, &offsets, &cols,
                          &out, &out_width))
        return NULL;
    PyObject *result = NULL;
    Py_ssize_t lists = cols.len / (Py_ssize_t)sizeof(int32_t);
    const int32_t *ix = (const int32_t *)index.buf, *off = (const int32_t *)offsets.buf;
    const int32_t *cs = (const int32_t *)cols.buf;
    int ok = rows >= 0 && width >= 0 && out_width >= 0 && block.len == rows * width &&
             out.len == rows * out_width * (Py_ssize_t)sizeof(float) &&
             offsets.len == (lists + 1) * (Py_ssize_t)sizeof(int32_t) && off[0] == 0 &&
             off[lists] == index.len / (Py_ssize_t)sizeof(int32_t);
    int short_lists = 1;  /* every list of at most 257 columns: sums of bytes fit uint16 */
    for (Py_ssize_t c = 0; ok && c < lists; c++) {
        ok = off[c] <= off[c + 1] && cs[c] >= 0 && cs[c] < out_width;
        short_lists = short_lists && off[c + 1] - off[c] <= 257;
    }
    for (Py_ssize_t j = 0; ok && j < off[lists]; j++)
        ok = ix[j] >= 0 && ix[j] < width;
    if (!ok) {
        PyErr_SetString(PyExc_ValueError,
                        "column_sums: lists, columns or sizes out of range");
        goto done;
    }
#if TILA_AVX2
    if (has_avx2() && short_lists) {
        Py_BEGIN_ALLOW_THREADS
        sums_avx2((const uint8_t *)block.buf, rows, ix, off, cs, lists, (float *)out.buf);
        Py_END_ALLOW_THREADS
        result = Py_NewRef(Py_True);
        goto done;
    }
#endif
    result = Py_NewRef(Py_False);
done:
    PyBuffer_Release(&block);
    PyBuffer_Release(&index);
    PyBuffer_Release(&offsets);
    PyBuffer_Release(&cols);
    PyBuffer_Release(&out);
    return result;
}

static PyMethodDef methods[] = {
    {"add_gram", add_gram, METH_VARARGS,
     "add_gram(block, rows, width, out) -> bool\n\nAdd block^T block to out (float64, width x "
     "width) for a column-major (rows, width) uint8 block. False, and out untouched, when the "
     "block holds a byte above 127 or the machine lacks AVX2."},
    {"add_cross", add_cross, METH_VARARGS,
     "add_cross(a, b, rows, wa, wb, out) -> bool\n\nAdd a^T b to out (float64, wa x wb) for "
     "column-major uint8 blocks a (rows, wa) and b (rows, wb). False, and out untouched, as for "
     "add_gram."},
    {"column_sums", column_sums, METH_VARARGS,
     "column_sums(block, rows, width, index, offsets, cols, out, out_width) -> bool\n\nFor "
     "each list c, set column cols[c] of out (float32, column-major (rows, out_width)) to the sum "
     "of the block's columns index[offsets[c]:offsets[c+1]] (int32 arrays). False, and out "
     "untouched, when a list is longer than 257 columns or the machine lacks AVX2."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_bytegram",
    "The gram matrix of a block of bytes, in AVX2 byte arithmetic (see _bytegram.c).", -1,
    methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__bytegram(void) {
    PyObject *m = PyModule_Create(&module);
    if (m != NULL && PyModule_AddObject(m, "SIMD", PyBool_FromLong(has_avx2())) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
