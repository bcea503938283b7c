using HotspotIntel.Analysis.Impact;
using MathNet.Numerics.LinearAlgebra;

namespace HotspotIntel.Analysis.Tests.Impact;

public sealed class DifferenceInDifferencesTests
{
    [Fact]
    public void Halved_reports_at_the_target_give_the_hand_computed_ratio_and_Poisson_interval()
    {
        // 12 weekly bins each side; the target goes from 20 to 10 a week, the comparison stays at 40.
        // Totals 240 → 120 and 480 → 480: ratio (120/240)/(480/480) = 0.5;
        // SE = √(1/240 + 1/120 + 1/480 + 1/480) = √(1/60) = 0.129099; z(0.975) = 1.959964;
        // interval 0.5·e^(∓0.253030) = 0.388222 to 0.643961. Constant bins are not overdispersed: Poisson.
        var target = new AreaCounts(Weeks(12, 20), Weeks(12, 10));
        var comparison = new AreaCounts(Weeks(12, 40), Weeks(12, 40));

        var estimate = DifferenceInDifferences.Estimate(target, comparison, 95);

        Assert.Equal(0.5, estimate.RateRatio, 12);
        Assert.Equal(-50, estimate.PercentChange, 9);
        Assert.Equal(0.129099, estimate.StandardError, 6);
        Assert.Equal(0.388222, estimate.Lower, 6);
        Assert.Equal(0.643961, estimate.Upper, 6);
        Assert.Equal(CountModel.Poisson, estimate.Model);
        Assert.False(estimate.ContinuityCorrected);
    }

    [Fact]
    public void Overdispersed_bins_widen_the_interval_around_the_same_estimate()
    {
        // The same totals as a steady series (240 → 120 at the target, 480 → 480 in the comparison), but the target's
        // weeks swing between quiet and busy far more than Poisson counts would.
        var comparison = new AreaCounts(Weeks(12, 40), Weeks(12, 40));
        var steady = DifferenceInDifferences.Estimate(new AreaCounts(Weeks(12, 20), Weeks(12, 10)), comparison, 95);
        var swinging = DifferenceInDifferences.Estimate(
            new AreaCounts(Alternating(12, 5, 35), Alternating(12, 2, 18)), comparison, 95);

        Assert.Equal(steady.LogRateRatio, swinging.LogRateRatio, 12);
        Assert.Equal(CountModel.QuasiPoisson, swinging.Model);
        Assert.True(swinging.Dispersion > 1);
        Assert.True(swinging.DispersionPValue < DifferenceInDifferences.OverdispersionSignificance);
        Assert.True(swinging.Lower < steady.Lower);
        Assert.True(swinging.Upper > steady.Upper);
        Assert.True(swinging.StandardError > steady.StandardError);
    }

    [Fact]
    public void The_dispersion_is_Pearson_chi_square_over_non_empty_bins_minus_two()
    {
        // Before: target [10, 30], comparison [30, 10]; the target's share is 40/80 = 0.5, each bin holds 40, so each
        // expects 20: (10 − 20)²/(40·0.5·0.5) + (30 − 20)²/10 = 20.
        // After: target [5, 15], comparison [25, 35]; share 20/80 = 0.25: (5 − 7.5)²/(30·0.25·0.75) = 1.111111 and
        // (15 − 12.5)²/(50·0.25·0.75) = 0.666667. χ² = 21.777778 on 4 bins − 2 = 2 degrees of freedom: φ = 10.888889;
        // P(χ²₂ ≥ 21.777778) = e^(−21.777778/2) = 1.8678e-5.
        var estimate = DifferenceInDifferences.Estimate(new AreaCounts([10, 30], [5, 15]), new AreaCounts([30, 10], [25, 35]), 95);

        Assert.Equal(2, estimate.DegreesOfFreedom);
        Assert.Equal(10.888889, estimate.Dispersion!.Value, 6);
        Assert.Equal(Math.Exp(-21.777778 / 2), estimate.DispersionPValue!.Value, 9);
        Assert.Equal(CountModel.QuasiPoisson, estimate.Model);
        // SE² = φ·(1/40 + 1/20 + 1/40 + 1/60); t₂(0.975) = 4.302653.
        var standardError = Math.Sqrt(10.888889 * ((1.0 / 40) + (1.0 / 20) + (1.0 / 40) + (1.0 / 60)));
        Assert.Equal(standardError, estimate.StandardError, 6);
        Assert.Equal(estimate.RateRatio * Math.Exp(4.302653 * standardError), estimate.Upper, 4);
    }

    [Fact]
    public void The_closed_form_is_the_two_way_fixed_effects_Poisson_model_fitted_by_IRLS()
    {
        int[] targetBefore = [14, 9, 22, 17, 11, 19], targetAfter = [8, 12, 6, 10, 5, 9];
        int[] comparisonBefore = [41, 37, 52, 44, 35, 48], comparisonAfter = [39, 45, 36, 50, 42, 38];

        var estimate = DifferenceInDifferences.Estimate(
            new AreaCounts(targetBefore, targetAfter), new AreaCounts(comparisonBefore, comparisonAfter), 95);
        var fit = PoissonGlm.FitTwoWayFixedEffects(targetBefore, targetAfter, comparisonBefore, comparisonAfter);

        Assert.Equal(fit.Delta, estimate.LogRateRatio, 9);
        Assert.Equal(fit.PoissonStandardError * (estimate.Model == CountModel.QuasiPoisson ? Math.Sqrt(fit.PearsonChiSquare / fit.DegreesOfFreedom) : 1),
            estimate.StandardError, 9);
        Assert.Equal(fit.DegreesOfFreedom, estimate.DegreesOfFreedom);
        Assert.Equal(fit.PearsonChiSquare / fit.DegreesOfFreedom, estimate.Dispersion!.Value, 9);
    }

    [Fact]
    public void A_window_without_reports_is_continuity_corrected_not_infinite()
    {
        // Target 30 → 0, comparison 100 → 100. With 0.5 added to each total: (0.5/30.5)/(100.5/100.5) = 0.016393;
        // SE = √(1/30.5 + 1/0.5 + 2/100.5) = 1.432720; upper = 0.016393·e^(1.959964·1.432720) = 0.271771.
        var estimate = DifferenceInDifferences.Estimate(new AreaCounts([10, 10, 10], [0, 0, 0]),
            new AreaCounts([30, 40, 30], [35, 30, 35]), 95);

        Assert.True(estimate.ContinuityCorrected);
        Assert.Equal(0.016393, estimate.RateRatio, 6);
        Assert.Equal(1.432720, estimate.StandardError, 6);
        Assert.Equal(0.271771, estimate.Upper, 5);
        Assert.True(double.IsFinite(estimate.Lower));
    }

    [Fact]
    public void Totals_alone_give_the_Poisson_interval_with_no_dispersion()
    {
        var estimate = DifferenceInDifferences.Estimate(AreaCounts.FromTotals(240, 120), AreaCounts.FromTotals(480, 480), 95);

        Assert.Equal(0.5, estimate.RateRatio, 12);
        Assert.Equal(CountModel.Poisson, estimate.Model);
        Assert.Null(estimate.Dispersion);
        Assert.Equal(0, estimate.DegreesOfFreedom);
    }

    internal static int[] Weeks(int count, int reports) => Enumerable.Repeat(reports, count).ToArray();

    internal static int[] Alternating(int count, int low, int high) =>
        Enumerable.Range(0, count).Select(i => i % 2 == 0 ? low : high).ToArray();

    // The full model, fitted the long way as an independent check of the closed form: log μ(area, bin) = τ(bin) +
    // α·[target] + δ·[target, after], by iteratively reweighted least squares (McCullagh and Nelder §2.5).
    private static class PoissonGlm
    {
        public static (double Delta, double PoissonStandardError, double PearsonChiSquare, int DegreesOfFreedom) FitTwoWayFixedEffects(
            int[] targetBefore, int[] targetAfter, int[] comparisonBefore, int[] comparisonAfter)
        {
            var bins = targetBefore.Length + targetAfter.Length;
            var rows = new List<(double Count, double[] Covariates)>();
            void Add(int bin, bool isTarget, bool isAfter, int count)
            {
                var covariates = new double[bins + 2];
                covariates[bin] = 1;
                covariates[bins] = isTarget ? 1 : 0;
                covariates[bins + 1] = isTarget && isAfter ? 1 : 0;
                rows.Add((count, covariates));
            }

            for (var i = 0; i < targetBefore.Length; i++)
            {
                Add(i, true, false, targetBefore[i]);
                Add(i, false, false, comparisonBefore[i]);
            }

            for (var i = 0; i < targetAfter.Length; i++)
            {
                Add(targetBefore.Length + i, true, true, targetAfter[i]);
                Add(targetBefore.Length + i, false, true, comparisonAfter[i]);
            }

            var x = Matrix<double>.Build.DenseOfRowArrays(rows.Select(row => row.Covariates));
            var y = Vector<double>.Build.DenseOfEnumerable(rows.Select(row => row.Count));
            var mu = y.Map(count => count + 0.5);
            Matrix<double> information = null!;
            Vector<double> beta = null!;
            for (var iteration = 0; iteration < 50; iteration++)
            {
                var eta = mu.PointwiseLog();
                var z = eta + (y - mu).PointwiseDivide(mu);
                var weighted = x.Clone();
                for (var r = 0; r < weighted.RowCount; r++)
                {
                    weighted.SetRow(r, x.Row(r) * mu[r]);
                }

                information = x.TransposeThisAndMultiply(weighted);
                beta = information.Solve(weighted.TransposeThisAndMultiply(z));
                mu = (x * beta).PointwiseExp();
            }

            var pearson = (y - mu).PointwisePower(2).PointwiseDivide(mu).Sum();
            var covariance = information.Inverse();
            return (beta[bins + 1], Math.Sqrt(covariance[bins + 1, bins + 1]), pearson, rows.Count - x.ColumnCount);
        }
    }
}
