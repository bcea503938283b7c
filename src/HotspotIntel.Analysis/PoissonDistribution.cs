namespace HotspotIntel.Analysis;

/// <summary>
/// The Poisson distribution: how many reports fall in an area when they fall at random at a known mean rate. Used to
/// ask whether an area holds more reports than chance would put there.
/// </summary>
public static class PoissonDistribution
{
    /// <summary>
    /// P(X ≥ <paramref name="count"/>) for X ~ Poisson(<paramref name="mean"/>): the chance of at least that many.
    /// Computed as the regularised lower incomplete gamma function P(count, mean), accurate in the far tail. A count
    /// that is not a whole number (a weighted count scaled to report units) takes the same function between the
    /// whole numbers, which rises smoothly with the count.
    /// </summary>
    /// <remarks>
    /// P(X ≥ k) = P(k, μ) = γ(k, μ) / Γ(k) (Abramowitz and Stegun 6.5.2, 26.4.21); evaluated by its series below
    /// μ &lt; k + 1 and by the Lentz continued fraction for Q = 1 − P above, as in Numerical Recipes (3rd ed.) §6.2.
    /// </remarks>
    public static double UpperTail(double count, double mean)
    {
        if (!double.IsFinite(count) || count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "The count must be a finite number of at least zero.");
        }

        if (!double.IsFinite(mean) || mean < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "The mean must be a finite number of at least zero.");
        }

        if (count == 0)
        {
            return 1.0;
        }

        if (mean == 0)
        {
            return 0.0;
        }

        var a = count;
        var logPrefix = (a * Math.Log(mean)) - mean - LogGamma(a);
        if (mean < a + 1)
        {
            // Series: P(a, x) = e^(-x) x^a / Γ(a + 1) · Σ x^n / ((a + 1)…(a + n)).
            var term = 1.0 / a;
            var sum = term;
            for (var n = 1; n < 100_000 && term > sum * 1e-16; n++)
            {
                term *= mean / (a + n);
                sum += term;
            }

            return Math.Min(1.0, Math.Exp(logPrefix) * sum);
        }

        // Continued fraction for Q(a, x) = 1 − P(a, x), modified Lentz.
        const double tiny = 1e-300;
        var b = mean + 1 - a;
        var c = 1.0 / tiny;
        var d = 1.0 / b;
        var h = d;
        for (var i = 1; i < 100_000; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = (an * d) + b;
            d = Math.Abs(d) < tiny ? tiny : d;
            c = b + (an / c);
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1.0 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return Math.Max(0.0, 1.0 - (Math.Exp(logPrefix) * h));
    }

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos approximation, g = 7, n = 9; about 15 significant digits).</summary>
    public static double LogGamma(double x)
    {
        ReadOnlySpan<double> coefficients =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (x < 0.5)
        {
            // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = coefficients[0];
        for (var i = 1; i < coefficients.Length; i++)
        {
            sum += coefficients[i] / (x + i);
        }

        var t = x + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }
}
