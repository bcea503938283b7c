namespace HotspotIntel.Analysis.Impact;

/// <summary>The count model behind an estimate's interval; codes as in JSON.</summary>
public enum CountModel
{
    /// <summary>Poisson: the bins vary no more than chance would vary them.</summary>
    Poisson,

    /// <summary>
    /// Quasi-Poisson: the bins vary more than Poisson allows (overdispersion), so the variance is scaled by the
    /// estimated dispersion and the interval uses Student's t.
    /// </summary>
    QuasiPoisson,
}
