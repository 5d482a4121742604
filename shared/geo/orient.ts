/**
 * Exact orientation test: the sign of the determinant
 *
 *   | bx - ax   by - ay |
 *   | cx - ax   cy - ay |
 *
 * is positive when c lies to the LEFT of the directed line a→b (a, b, c counterclockwise), negative
 * to the right, and exactly 0 only when the three points are exactly collinear. A plain floating-
 * point determinant gets the sign wrong for nearly collinear points, which is exactly the case of
 * town lines that follow district lines; the overlap engine needs a sign it can trust so that
 * crossings are counted consistently.
 *
 * Port of Jonathan Shewchuk's adaptive `orient2d` ("Adaptive Precision Floating-Point Arithmetic
 * and Fast Robust Geometric Predicates", 1997) as packaged in `robust-predicates` by Vladimir
 * Agafonkin (public domain, Unlicense). Only the sign convention differs: positive means left.
 * The value itself is only an approximation of the determinant; use its sign.
 */

const epsilon = 1.1102230246251565e-16;
const splitter = 134217729;
const resultErrorBound = (3 + 8 * epsilon) * epsilon;
const ccwErrorBoundA = (3 + 16 * epsilon) * epsilon;
const ccwErrorBoundB = (2 + 12 * epsilon) * epsilon;
const ccwErrorBoundC = (9 + 64 * epsilon) * epsilon * epsilon;

const expansionB = new Float64Array(4);
const expansionC1 = new Float64Array(8);
const expansionC2 = new Float64Array(12);
const expansionD = new Float64Array(16);
const expansionU = new Float64Array(4);

/** fast_expansion_sum_zeroelim from Shewchuk's predicates.c. */
function sumExpansions(elen: number, e: Float64Array, flen: number, f: Float64Array, h: Float64Array): number {
  let q: number;
  let qNew: number;
  let hh: number;
  let bVirtual: number;
  let eNow = e[0]!;
  let fNow = f[0]!;
  let eIndex = 0;
  let fIndex = 0;
  if (fNow > eNow === fNow > -eNow) {
    q = eNow;
    eNow = e[++eIndex]!;
  } else {
    q = fNow;
    fNow = f[++fIndex]!;
  }
  let hIndex = 0;
  if (eIndex < elen && fIndex < flen) {
    if (fNow > eNow === fNow > -eNow) {
      qNew = eNow + q;
      hh = q - (qNew - eNow);
      eNow = e[++eIndex]!;
    } else {
      qNew = fNow + q;
      hh = q - (qNew - fNow);
      fNow = f[++fIndex]!;
    }
    q = qNew;
    if (hh !== 0) h[hIndex++] = hh;
    while (eIndex < elen && fIndex < flen) {
      if (fNow > eNow === fNow > -eNow) {
        qNew = q + eNow;
        bVirtual = qNew - q;
        hh = q - (qNew - bVirtual) + (eNow - bVirtual);
        eNow = e[++eIndex]!;
      } else {
        qNew = q + fNow;
        bVirtual = qNew - q;
        hh = q - (qNew - bVirtual) + (fNow - bVirtual);
        fNow = f[++fIndex]!;
      }
      q = qNew;
      if (hh !== 0) h[hIndex++] = hh;
    }
  }
  while (eIndex < elen) {
    qNew = q + eNow;
    bVirtual = qNew - q;
    hh = q - (qNew - bVirtual) + (eNow - bVirtual);
    eNow = e[++eIndex]!;
    q = qNew;
    if (hh !== 0) h[hIndex++] = hh;
  }
  while (fIndex < flen) {
    qNew = q + fNow;
    bVirtual = qNew - q;
    hh = q - (qNew - bVirtual) + (fNow - bVirtual);
    fNow = f[++fIndex]!;
    q = qNew;
    if (hh !== 0) h[hIndex++] = hh;
  }
  if (q !== 0 || hIndex === 0) h[hIndex++] = q;
  return hIndex;
}

function estimate(length: number, e: Float64Array): number {
  let q = e[0]!;
  for (let i = 1; i < length; i++) q += e[i]!;
  return q;
}

/** Two-product of a·b - c·d as a 4-term expansion written into `out`. */
function twoTwoDiff(a: number, b: number, c: number, d: number, out: Float64Array): void {
  let cc: number;
  let aHigh: number;
  let aLow: number;
  let bHigh: number;
  let bLow: number;
  const s1 = a * b;
  cc = splitter * a;
  aHigh = cc - (cc - a);
  aLow = a - aHigh;
  cc = splitter * b;
  bHigh = cc - (cc - b);
  bLow = b - bHigh;
  const s0 = aLow * bLow - (s1 - aHigh * bHigh - aLow * bHigh - aHigh * bLow);
  const t1 = c * d;
  cc = splitter * c;
  aHigh = cc - (cc - c);
  aLow = c - aHigh;
  cc = splitter * d;
  bHigh = cc - (cc - d);
  bLow = d - bHigh;
  const t0 = aLow * bLow - (t1 - aHigh * bHigh - aLow * bHigh - aHigh * bLow);
  let i = s0 - t0;
  let bVirtual = s0 - i;
  out[0] = s0 - (i + bVirtual) + (bVirtual - t0);
  const j = s1 + i;
  bVirtual = j - s1;
  const zero = s1 - (j - bVirtual) + (i - bVirtual);
  i = zero - t1;
  bVirtual = zero - i;
  out[1] = zero - (i + bVirtual) + (bVirtual - t1);
  const u3 = j + i;
  bVirtual = u3 - j;
  out[2] = j - (u3 - bVirtual) + (i - bVirtual);
  out[3] = u3;
}

/** Shewchuk's orient2dadapt, in his sign convention (positive = clockwise for y up). */
function orientAdaptive(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, detSum: number): number {
  const acx = ax - cx;
  const bcx = bx - cx;
  const acy = ay - cy;
  const bcy = by - cy;

  twoTwoDiff(acx, bcy, acy, bcx, expansionB);
  let det = estimate(4, expansionB);
  let errorBound = ccwErrorBoundB * detSum;
  if (det >= errorBound || -det >= errorBound) return det;

  let bVirtual = ax - acx;
  const acxTail = ax - (acx + bVirtual) + (bVirtual - cx);
  bVirtual = bx - bcx;
  const bcxTail = bx - (bcx + bVirtual) + (bVirtual - cx);
  bVirtual = ay - acy;
  const acyTail = ay - (acy + bVirtual) + (bVirtual - cy);
  bVirtual = by - bcy;
  const bcyTail = by - (bcy + bVirtual) + (bVirtual - cy);

  if (acxTail === 0 && acyTail === 0 && bcxTail === 0 && bcyTail === 0) return det;

  errorBound = ccwErrorBoundC * detSum + resultErrorBound * Math.abs(det);
  det += acx * bcyTail + bcy * acxTail - (acy * bcxTail + bcx * acyTail);
  if (det >= errorBound || -det >= errorBound) return det;

  twoTwoDiff(acxTail, bcy, acyTail, bcx, expansionU);
  const c1Length = sumExpansions(4, expansionB, 4, expansionU, expansionC1);
  twoTwoDiff(acx, bcyTail, acy, bcxTail, expansionU);
  const c2Length = sumExpansions(c1Length, expansionC1, 4, expansionU, expansionC2);
  twoTwoDiff(acxTail, bcyTail, acyTail, bcxTail, expansionU);
  const dLength = sumExpansions(c2Length, expansionC2, 4, expansionU, expansionD);
  return expansionD[dLength - 1]!;
}

/** Positive when (a, b, c) turn left (counterclockwise), negative when right, 0 only when exactly collinear. */
export function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const detLeft = (ax - cx) * (by - cy);
  const detRight = (ay - cy) * (bx - cx);
  const det = detLeft - detRight;
  if (detLeft === 0 || detRight === 0 || detLeft > 0 !== detRight > 0) return det;
  const detSum = Math.abs(detLeft + detRight);
  if (Math.abs(det) >= ccwErrorBoundA * detSum) return det;
  return orientAdaptive(ax, ay, bx, by, cx, cy, detSum);
}
