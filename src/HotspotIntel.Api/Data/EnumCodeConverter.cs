using HotspotIntel.Core;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HotspotIntel.Api.Data;

/// <summary>Stores a domain enum as its <see cref="EnumCodes{TEnum}"/> code, the same word the API and CSV use.</summary>
public sealed class EnumCodeConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => EnumCodes<TEnum>.ToCode(value),
    code => EnumCodes<TEnum>.Parse(code))
    where TEnum : struct, Enum;
