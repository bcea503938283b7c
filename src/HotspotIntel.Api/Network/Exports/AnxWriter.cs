using System.Globalization;
using System.Text;
using System.Xml;
using HotspotIntel.Core.Links;

namespace HotspotIntel.Api.Network;

/// <summary>
/// Writes a network as i2 Analyst's Notebook chart import XML (.anx, <c>Chart</c> with <c>IdReferenceLinking</c>):
/// an entity type per kind of entity (the standard icons Person, Building, Car, Place, Phone and Email), a link type per link type,
/// and every item with its dates (<c>DateSet</c>, <c>DateTime</c>: a link's first day) and attributes for grading,
/// handling code, agency, derivation, evidence and the security marking. The chart's summary carries the marking and
/// the disclosure stamp, as i2 shows it in the chart's properties and prints it.
/// </summary>
public static class AnxWriter
{
    /// <summary>The i2 standard icon for each kind of entity.</summary>
    public static readonly IReadOnlyDictionary<EntityKind, string> EntityTypes = new Dictionary<EntityKind, string>
    {
        [EntityKind.Person] = "Person",
        [EntityKind.Premises] = "Building",
        [EntityKind.Vehicle] = "Car",
        [EntityKind.Location] = "Place",
        [EntityKind.PhoneNumber] = "Phone",
        [EntityKind.OnlineIdentifier] = "Email",
    };

    public const string MarkingAttribute = "Security marking";
    public const string GradingAttribute = "Grading";
    public const string HandlingAttribute = "Handling code";
    public const string AgencyAttribute = "Agency";
    public const string IdAttribute = "HotspotIntel id";
    public const string DerivationAttribute = "Derivation";
    public const string EvidenceAttribute = "Evidence reports";
    public const string EndsAttribute = "Ends on";

    public static byte[] Write(ChartExport export)
    {
        var network = export.Network;
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("Chart");
            xml.WriteAttributeString("IdReferenceLinking", "true");
            xml.WriteAttributeString("Rigorous", "true");

            xml.WriteStartElement("Summary");
            SummaryField(xml, "SummaryFieldTitle", $"HotspotIntel network — {export.MarkingCode}");
            SummaryField(xml, "SummaryFieldSubject", export.MarkingCode);
            SummaryField(xml, "SummaryFieldAuthor", export.DisclosedBy);
            SummaryField(xml, "SummaryFieldComments", export.Stamp);
            xml.WriteEndElement();

            xml.WriteStartElement("AttributeClassCollection");
            foreach (var (name, type) in new[] { (MarkingAttribute, "AttText"), (GradingAttribute, "AttText"), (HandlingAttribute, "AttText"),
                (AgencyAttribute, "AttText"), (IdAttribute, "AttText"), (DerivationAttribute, "AttText"), (EvidenceAttribute, "AttNumber"),
                (EndsAttribute, "AttText") })
            {
                xml.WriteStartElement("AttributeClass");
                xml.WriteAttributeString("Name", name);
                xml.WriteAttributeString("Type", type);
                xml.WriteAttributeString("ShowValue", "true");
                xml.WriteEndElement();
            }

            xml.WriteEndElement();

            xml.WriteStartElement("EntityTypeCollection");
            foreach (var type in network.Nodes.Select(node => EntityTypes[node.Kind]).Distinct().Order(StringComparer.Ordinal))
            {
                xml.WriteStartElement("EntityType");
                xml.WriteAttributeString("Name", type);
                xml.WriteAttributeString("IconFile", type);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();

            xml.WriteStartElement("LinkTypeCollection");
            foreach (var type in network.Links.Select(ChartExport.TypeOf).Distinct().Order(StringComparer.Ordinal))
            {
                xml.WriteStartElement("LinkType");
                xml.WriteAttributeString("Name", type);
                // Derived links grey (i2 colours are BGR integers), recorded ones black.
                xml.WriteAttributeString("Colour", type is "co_occurrence" or "co_location" ? "8421504" : "0");
                xml.WriteEndElement();
            }

            xml.WriteEndElement();

            xml.WriteStartElement("ChartItemCollection");
            foreach (var node in network.Nodes)
            {
                xml.WriteStartElement("ChartItem");
                xml.WriteAttributeString("Label", node.Label);
                xml.WriteAttributeString("Description", node.Detail ?? "");
                xml.WriteAttributeString("DateSet", "false");
                xml.WriteStartElement("End");
                xml.WriteStartElement("Entity");
                xml.WriteAttributeString("EntityId", node.Id.ToString());
                xml.WriteAttributeString("Identity", node.Label);
                xml.WriteStartElement("Icon");
                xml.WriteStartElement("IconStyle");
                xml.WriteAttributeString("Type", EntityTypes[node.Kind]);
                xml.WriteEndElement();
                xml.WriteEndElement();
                xml.WriteEndElement();
                xml.WriteEndElement();
                Attributes(xml, (IdAttribute, node.Id.ToString()), (MarkingAttribute, ChartExport.Code(node.SecurityMarking)),
                    (HandlingAttribute, ChartExport.Code(node.HandlingCode)), (AgencyAttribute, node.AgencyId.ToString()));
                xml.WriteEndElement();
            }

            foreach (var link in network.Links)
            {
                xml.WriteStartElement("ChartItem");
                xml.WriteAttributeString("Label", ChartExport.TypeOf(link));
                xml.WriteAttributeString("DateSet", link.StartsOn is null ? "false" : "true");
                if (link.StartsOn is { } startsOn)
                {
                    xml.WriteAttributeString("DateTime", startsOn.ToDateTime(TimeOnly.MinValue).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
                }

                xml.WriteStartElement("Link");
                xml.WriteAttributeString("End1Id", link.From.ToString());
                xml.WriteAttributeString("End2Id", link.To.ToString());
                xml.WriteStartElement("LinkStyle");
                xml.WriteAttributeString("Type", ChartExport.TypeOf(link));
                xml.WriteAttributeString("ArrowStyle", "ArrowNone");
                // i2 draws confirmed links solid and tentative ones dashed: recorded links are an analyst's finding.
                xml.WriteAttributeString("Strength", link.Derivation == LinkDerivation.Recorded ? "1" : "2");
                xml.WriteEndElement();
                xml.WriteEndElement();
                Attributes(xml, (IdAttribute, link.Id.ToString()), (MarkingAttribute, ChartExport.Code(link.SecurityMarking)),
                    (GradingAttribute, link.Grading), (DerivationAttribute, ChartExport.Code(link.Derivation)),
                    (EvidenceAttribute, link.EvidenceCount?.ToString(CultureInfo.InvariantCulture)), (EndsAttribute, link.EndsOn is null ? null : ChartExport.Date(link.EndsOn)),
                    (AgencyAttribute, string.Join(" ", link.AgencyIds)));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        return stream.ToArray();
    }

    private static void SummaryField(XmlWriter xml, string type, string content)
    {
        xml.WriteStartElement("Field");
        xml.WriteAttributeString("Type", type);
        xml.WriteAttributeString("Content", content);
        xml.WriteEndElement();
    }

    private static void Attributes(XmlWriter xml, params (string Class, string? Value)[] attributes)
    {
        xml.WriteStartElement("AttributeCollection");
        foreach (var (attributeClass, value) in attributes.Where(attribute => attribute.Value is not null))
        {
            xml.WriteStartElement("Attribute");
            xml.WriteAttributeString("AttributeClass", attributeClass);
            xml.WriteAttributeString("Value", value);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }
}
