using HotspotIntel.Api.Errors;

namespace HotspotIntel.Api.Audit;

/// <summary>A record given to someone outside the system: to whom, and why (DPA 2018 s62 logs both).</summary>
public sealed record DisclosureRequest
{
    /// <summary>Who receives it: a named person, role or body.</summary>
    /// <example>Synthetic Borough Council licensing sub-committee, hearing of 2 December</example>
    public string? Recipient { get; init; }

    /// <summary>Why it is disclosed, 10 to 1000 characters.</summary>
    /// <example>Premises licence review: concerns recorded against the premises, shared under the information sharing agreement</example>
    public string? Justification { get; init; }

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(Recipient) || Recipient.Trim().Length > 300 || Recipient.Any(char.IsControl))
        {
            errors.Add("recipient", "Name who receives the record (1 to 300 printable characters), e.g. \"Synthetic Borough licensing sub-committee\".");
        }

        AuditLog.RequireJustification(Justification, errors, "justification");
        return errors;
    }
}

/// <summary>What was disclosed, as it was handed over: the record (with its marking and handling conditions), to whom and when.</summary>
public sealed record Disclosure<TRecord>(string Recipient, DateTimeOffset DisclosedAt, TRecord Record);
