using System.Runtime.CompilerServices;

namespace HotspotIntel.Analysis;

/// <summary>Argument checks shared by the algorithms, for the numbers that must be real lengths or durations.</summary>
internal static class Ensure
{
    /// <summary>Throws unless <paramref name="value"/> is a finite number above zero.</summary>
    public static void PositiveFinite(double value, [CallerArgumentExpression(nameof(value))] string? parameterName = null)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(parameterName, value, "Must be a finite number above zero.");
        }
    }
}
