namespace HotspotIntel.Analysis;

/// <summary>
/// The standard normal distribution (mean 0, standard deviation 1): tail probabilities for z-scores, and the
/// complementary error function they are computed from.
/// </summary>
public static class NormalDistribution
{
    private const double Sqrt2 = 1.4142135623730951;

    /// <summary>P(Z ≤ <paramref name="z"/>).</summary>
    public static double Cdf(double z) => 0.5 * Erfc(-z / Sqrt2);

    /// <summary>P(Z ≥ <paramref name="z"/>): the one-sided p-value of a hot (high) z-score.</summary>
    public static double UpperTail(double z) => 0.5 * Erfc(z / Sqrt2);

    /// <summary>P(|Z| ≥ |<paramref name="z"/>|): the two-sided p-value of a z-score.</summary>
    public static double TwoSidedPValue(double z) => Math.Min(1.0, Erfc(Math.Abs(z) / Sqrt2));

    /// <summary>
    /// The complementary error function erfc(x) = 1 − erf(x), to about 1e-16 relative error, without the
    /// cancellation that 1 − erf(x) suffers in the tails (where the small p-values live).
    /// </summary>
    /// <remarks>
    /// W. J. Cody, "Rational Chebyshev approximations for the error function", Mathematics of Computation 23
    /// (1969) 631–637, as implemented in Cody's CALERF (netlib SPECFUN, 1990): three intervals, |x| ≤ 0.46875,
    /// ≤ 4 and beyond, with the published IEEE double-precision coefficients.
    /// </remarks>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        var y = Math.Abs(x);
        double result;
        if (y <= 0.46875)
        {
            var ysq = y > 1.11e-16 ? y * y : 0.0;
            var numerator = A[4] * ysq;
            var denominator = ysq;
            for (var i = 0; i < 3; i++)
            {
                numerator = (numerator + A[i]) * ysq;
                denominator = (denominator + B[i]) * ysq;
            }

            // Here the series gives erf(x) with x's own sign, so no reflection is needed below.
            return 1.0 - (x * (numerator + A[3]) / (denominator + B[3]));
        }

        if (y <= 4.0)
        {
            var numerator = C[8] * y;
            var denominator = y;
            for (var i = 0; i < 7; i++)
            {
                numerator = (numerator + C[i]) * y;
                denominator = (denominator + D[i]) * y;
            }

            result = ScaleByExpMinusSquare(y, (numerator + C[7]) / (denominator + D[7]));
        }
        else if (y >= 26.543)
        {
            // erfc underflows to zero in double precision beyond here (Cody's XBIG).
            result = 0.0;
        }
        else
        {
            var ysq = 1.0 / (y * y);
            var numerator = P[5] * ysq;
            var denominator = ysq;
            for (var i = 0; i < 4; i++)
            {
                numerator = (numerator + P[i]) * ysq;
                denominator = (denominator + Q[i]) * ysq;
            }

            var scaled = (OneOverSqrtPi - (ysq * (numerator + P[4]) / (denominator + Q[4]))) / y;
            result = ScaleByExpMinusSquare(y, scaled);
        }

        return x < 0 ? 2.0 - result : result;
    }

    // exp(-y²) computed as exp(-t²)·exp(-(y-t)(y+t)) with t = y rounded down to 1/16, as Cody does,
    // so the rounding error of y² is not magnified by the exponential.
    private static double ScaleByExpMinusSquare(double y, double value)
    {
        var t = Math.Truncate(y * 16.0) / 16.0;
        var delta = (y - t) * (y + t);
        return Math.Exp(-t * t) * Math.Exp(-delta) * value;
    }

    private const double OneOverSqrtPi = 5.6418958354775628695e-1;

    private static readonly double[] A =
    [
        3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
        3.20937758913846947e03, 1.85777706184603153e-1,
    ];

    private static readonly double[] B =
    [
        2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
        2.84423683343917062e03,
    ];

    private static readonly double[] C =
    [
        5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
        2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03,
        2.05107837782607147e03, 1.23033935479799725e03, 2.15311535474403846e-8,
    ];

    private static readonly double[] D =
    [
        1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
        1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03,
        3.43936767414372164e03, 1.23033935480374942e03,
    ];

    private static readonly double[] P =
    [
        3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
        1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2,
    ];

    private static readonly double[] Q =
    [
        2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1,
        6.05183413124413191e-2, 2.33520497626869185e-3,
    ];
}
