using System.Globalization;
using System.Text;
using System.Xml;

namespace HotspotIntel.Api.Network;

/// <summary>
/// Writes a network as GraphML 1.0 (namespace <c>http://graphml.graphdrawing.org/xmlns</c>): one undirected graph,
/// every attribute declared as a <c>key</c> with its <c>attr.name</c> and <c>attr.type</c>, as Gephi, yEd and networkx
/// read them. The graph carries the marking and the disclosure stamp; every node and edge its own marking.
/// </summary>
public static class GraphMlWriter
{
    public const string Namespace = "http://graphml.graphdrawing.org/xmlns";

    private static readonly (string Id, string For, string Type)[] Keys =
    [
        ("securityMarking", "graph", "string"), ("disclosure", "graph", "string"),
        ("label", "node", "string"), ("kind", "node", "string"), ("detail", "node", "string"), ("agencyId", "node", "string"),
        ("handlingCode", "node", "string"), ("securityMarking", "node", "string"), ("hop", "node", "int"), ("longitude", "node", "double"),
        ("latitude", "node", "double"), ("degree", "node", "int"), ("betweenness", "node", "double"), ("eigenvector", "node", "double"),
        ("community", "node", "int"),
        ("derivation", "edge", "string"), ("linkType", "edge", "string"), ("grading", "edge", "string"), ("startsOn", "edge", "string"),
        ("endsOn", "edge", "string"), ("evidenceCount", "edge", "int"), ("agencyIds", "edge", "string"), ("securityMarking", "edge", "string"),
    ];

    public static byte[] Write(ChartExport export)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("graphml", Namespace);
            xml.WriteElementString("desc", Namespace, export.Stamp);
            foreach (var (id, domain, type) in Keys)
            {
                xml.WriteStartElement("key", Namespace);
                xml.WriteAttributeString("id", $"{domain}.{id}");
                xml.WriteAttributeString("for", domain);
                xml.WriteAttributeString("attr.name", id);
                xml.WriteAttributeString("attr.type", type);
                xml.WriteEndElement();
            }

            xml.WriteStartElement("graph", Namespace);
            xml.WriteAttributeString("id", "network");
            xml.WriteAttributeString("edgedefault", "undirected");
            Data(xml, "graph.securityMarking", export.MarkingCode);
            Data(xml, "graph.disclosure", export.Stamp);
            foreach (var node in export.Network.Nodes)
            {
                xml.WriteStartElement("node", Namespace);
                xml.WriteAttributeString("id", node.Id.ToString());
                Data(xml, "node.label", node.Label);
                Data(xml, "node.kind", ChartExport.Code(node.Kind));
                Data(xml, "node.detail", node.Detail);
                Data(xml, "node.agencyId", node.AgencyId.ToString());
                Data(xml, "node.handlingCode", ChartExport.Code(node.HandlingCode));
                Data(xml, "node.securityMarking", ChartExport.Code(node.SecurityMarking));
                Data(xml, "node.hop", Number(node.Hop));
                Data(xml, "node.longitude", node.Longitude is { } longitude ? Number(longitude) : null);
                Data(xml, "node.latitude", node.Latitude is { } latitude ? Number(latitude) : null);
                if (node.Metrics is { } metrics)
                {
                    Data(xml, "node.degree", Number(metrics.Degree));
                    Data(xml, "node.betweenness", Number(metrics.Betweenness));
                    Data(xml, "node.eigenvector", Number(metrics.Eigenvector));
                    Data(xml, "node.community", Number(metrics.Community));
                }

                xml.WriteEndElement();
            }

            foreach (var link in export.Network.Links)
            {
                xml.WriteStartElement("edge", Namespace);
                xml.WriteAttributeString("id", link.Id.ToString());
                xml.WriteAttributeString("source", link.From.ToString());
                xml.WriteAttributeString("target", link.To.ToString());
                Data(xml, "edge.derivation", ChartExport.Code(link.Derivation));
                Data(xml, "edge.linkType", ChartExport.TypeOf(link));
                Data(xml, "edge.grading", link.Grading);
                Data(xml, "edge.startsOn", link.StartsOn is null ? null : ChartExport.Date(link.StartsOn));
                Data(xml, "edge.endsOn", link.EndsOn is null ? null : ChartExport.Date(link.EndsOn));
                Data(xml, "edge.evidenceCount", link.EvidenceCount is { } count ? Number(count) : null);
                Data(xml, "edge.agencyIds", string.Join(" ", link.AgencyIds));
                Data(xml, "edge.securityMarking", ChartExport.Code(link.SecurityMarking));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        return stream.ToArray();
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Data(XmlWriter xml, string key, string? value)
    {
        if (value is null)
        {
            return;
        }

        xml.WriteStartElement("data", Namespace);
        xml.WriteAttributeString("key", key);
        xml.WriteString(value);
        xml.WriteEndElement();
    }
}
