namespace HotspotIntel.Core.Records;

/// <summary>The lawful basis on which personal data in a record is processed.</summary>
public enum LawfulBasis
{
    /// <summary>Processing by a competent authority for a law enforcement purpose (Data Protection Act 2018 Part 3, s31 and s35).</summary>
    LawEnforcement,

    /// <summary>A task in the public interest or in the exercise of official authority (UK GDPR Art 6(1)(e)), e.g. a council's safeguarding duty.</summary>
    PublicTask,

    /// <summary>A legal obligation (UK GDPR Art 6(1)(c)), e.g. Children Act 1989 s47 enquiries.</summary>
    LegalObligation,

    /// <summary>The vital interests of the data subject or another person (UK GDPR Art 6(1)(d)).</summary>
    VitalInterests,
}
