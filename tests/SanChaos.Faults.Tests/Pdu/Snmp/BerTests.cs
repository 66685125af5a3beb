using FluentAssertions;
using SanChaos.Faults.Pdu.Snmp;

using Xunit;

namespace SanChaos.Faults.Tests.Pdu.Snmp;

/// <summary>
/// The BER codec against byte sequences worked out by hand from X.690 and RFC 1157/3416, and against requests
/// captured from net-snmp's own tools (`snmpget -d`, `snmpset -d`, `snmpgetnext -d`).
/// </summary>
public sealed class BerTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    private static readonly Oid SysDescr0 = Oid.Parse("1.3.6.1.2.1.1.1.0");
    private static readonly Oid Outlet3 = Oid.Parse("1.3.6.1.4.1.318.1.1.4.4.2.1.3.3");

    [Fact]
    public void GetRequest_for_sysDescr0_with_community_public_encodes_as_worked_out_by_hand()
    {
        // 30 26                     SEQUENCE, 38 bytes
        //   02 01 00                version 0 (v1)
        //   04 06 "public"          community
        //   a0 19                   GetRequest-PDU, 25 bytes
        //     02 01 01              request-id 1
        //     02 01 00  02 01 00    error-status 0, error-index 0
        //     30 0e 30 0c           varbind list, one varbind
        //       06 08 2b 06 01 02 01 01 01 00   1.3.6.1.2.1.1.1.0 (1.3 -> 40*1+3 = 0x2b)
        //       05 00               NULL
        var expected = Hex("30 26 02 01 00 04 06 70 75 62 6c 69 63 a0 19 02 01 01 02 01 00 02 01 00 30 0e 30 0c 06 08 2b 06 01 02 01 01 01 00 05 00");
        var msg = SnmpMessage.Request(SnmpVersion.V1, "public", SnmpPduType.GetRequest, 1, new VarBind(SysDescr0, SnmpValue.Null));

        msg.Encode().Should().Equal(expected);
        var back = SnmpMessage.Decode(expected);
        back.Version.Should().Be(SnmpVersion.V1);
        back.Community.Should().Be("public");
        back.PduType.Should().Be(SnmpPduType.GetRequest);
        back.RequestId.Should().Be(1);
        back.VarBinds.Should().ContainSingle().Which.Should().Be(new VarBind(SysDescr0, SnmpValue.Null));
    }

    [Fact]
    public void GetRequest_matches_what_snmpget_sends()
    {
        // `snmpget -d -v1 -c public 127.0.0.1 .1.3.6.1.2.1.1.1.0`, request-id 0x7adfa616 (4-byte INTEGER).
        var captured = Hex("30 29 02 01 00 04 06 70 75 62 6C 69 63 A0 1C 02 04 7A DF A6 16 02 01 00 02 01 00 30 0E 30 0C 06 08 2B 06 01 02 01 01 01 00 05 00");
        SnmpMessage.Request(SnmpVersion.V1, "public", SnmpPduType.GetRequest, 0x7ADFA616, new VarBind(SysDescr0, SnmpValue.Null))
            .Encode().Should().Equal(captured);
    }

    [Fact]
    public void SetRequest_of_sPDUOutletCtl_matches_what_snmpset_sends()
    {
        // `snmpset -d -v1 -c private 127.0.0.1 .1.3.6.1.4.1.318.1.1.4.4.2.1.3.3 i 2`, request-id 0x253e3fca.
        // 318 is two base-128 digits: 0x82 0x3e.
        var captured = Hex("30 32 02 01 00 04 07 70 72 69 76 61 74 65 A3 24 02 04 25 3E 3F CA 02 01 00 02 01 00 30 16 30 14"
            + "06 0F 2B 06 01 04 01 82 3E 01 01 04 04 02 01 03 03 02 01 02");
        var msg = SnmpMessage.Request(SnmpVersion.V1, "private", SnmpPduType.SetRequest, 0x253E3FCA, new VarBind(Outlet3, SnmpValue.Integer(2)));

        msg.Encode().Should().Equal(captured);
        SnmpMessage.Decode(captured).VarBinds.Single().Value.AsInt64().Should().Be(2);
    }

    [Fact]
    public void GetNextRequest_v2c_matches_what_snmpgetnext_sends()
    {
        // `snmpgetnext -d -v2c -c public 127.0.0.1 .1.3.6.1.4.1.318.1.1.26.9.2.4.1.5`, request-id 0x548c9419.
        var captured = Hex("30 30 02 01 01 04 06 70 75 62 6C 69 63 A1 23 02 04 54 8C 94 19 02 01 00 02 01 00 30 15 30 13"
            + "06 0F 2B 06 01 04 01 82 3E 01 01 1A 09 02 04 01 05 05 00");
        var column = Oid.Parse(".1.3.6.1.4.1.318.1.1.26.9.2.4.1.5");

        SnmpMessage.Request(SnmpVersion.V2c, "public", SnmpPduType.GetNextRequest, 0x548C9419, new VarBind(column, SnmpValue.Null))
            .Encode().Should().Equal(captured);
        var back = SnmpMessage.Decode(captured);
        back.Version.Should().Be(SnmpVersion.V2c);
        back.PduType.Should().Be(SnmpPduType.GetNextRequest);
        back.VarBinds.Single().Oid.Should().Be(column);
    }

    [Fact]
    public void A_GetResponse_with_an_INTEGER_decodes()
    {
        // v2c, "public", Response-PDU (a2), request-id 5, sPDUOutletCtl.3 = INTEGER 2 (outletOff).
        var bytes = Hex("30 2e 02 01 01 04 06 70 75 62 6c 69 63 a2 21 02 01 05 02 01 00 02 01 00 30 16 30 14"
            + "06 0f 2b 06 01 04 01 82 3e 01 01 04 04 02 01 03 03 02 01 02");

        var msg = SnmpMessage.Decode(bytes);

        msg.PduType.Should().Be(SnmpPduType.GetResponse);
        msg.RequestId.Should().Be(5);
        msg.ErrorStatus.Should().Be(SnmpErrorStatus.NoError);
        var vb = msg.VarBinds.Should().ContainSingle().Subject;
        vb.Oid.Should().Be(Outlet3);
        vb.Value.Type.Should().Be(SnmpType.Integer);
        vb.Value.AsInt64().Should().Be(2);
        msg.Encode().Should().Equal(bytes);
    }

    [Theory]
    [InlineData("81 00", 0x81)] // noSuchInstance
    [InlineData("80 00", 0x80)] // noSuchObject
    [InlineData("82 00", 0x82)] // endOfMibView
    public void V2c_exception_values_decode(string value, int tag)
    {
        var bytes = Hex("30 2d 02 01 01 04 06 70 75 62 6c 69 63 a2 20 02 01 05 02 01 00 02 01 00 30 15 30 13"
            + "06 0f 2b 06 01 04 01 82 3e 01 01 04 04 02 01 03 03" + value);

        var v = SnmpMessage.Decode(bytes).VarBinds.Single().Value;

        v.Type.Should().Be((SnmpType)tag);
        v.IsException.Should().BeTrue();
        v.Content.Length.Should().Be(0);
    }

    [Fact]
    public void Error_status_and_index_decode()
    {
        // Response to a v2c SET: error-status notWritable (17 = 0x11), error-index 1, varbind echoed.
        var bytes = Hex("30 2e 02 01 01 04 06 70 75 62 6c 69 63 a2 21 02 01 09 02 01 11 02 01 01 30 16 30 14"
            + "06 0f 2b 06 01 04 01 82 3e 01 01 04 04 02 01 03 03 02 01 02");

        var msg = SnmpMessage.Decode(bytes);

        msg.ErrorStatus.Should().Be(SnmpErrorStatus.NotWritable);
        msg.ErrorIndex.Should().Be(1);
    }

    [Theory]
    [InlineData(0L, "00")]
    [InlineData(1L, "01")]
    [InlineData(127L, "7f")]
    [InlineData(128L, "00 80")]
    [InlineData(255L, "00 ff")]
    [InlineData(256L, "01 00")]
    [InlineData(32767L, "7f ff")]
    [InlineData(32768L, "00 80 00")]
    [InlineData(-1L, "ff")]
    [InlineData(-128L, "80")]
    [InlineData(-129L, "ff 7f")]
    [InlineData(2147483647L, "7f ff ff ff")]
    [InlineData(-2147483648L, "80 00 00 00")]
    [InlineData(long.MaxValue, "7f ff ff ff ff ff ff ff")]
    [InlineData(long.MinValue, "80 00 00 00 00 00 00 00")]
    public void INTEGER_content_is_minimal_twos_complement(long value, string content)
    {
        Ber.IntegerContent(value).Should().Equal(Hex(content));
        Ber.DecodeInteger(Hex(content)).Should().Be(value);
    }

    [Theory]
    [InlineData(0, "00")]
    [InlineData(127, "7f")]
    [InlineData(128, "81 80")]
    [InlineData(255, "81 ff")]
    [InlineData(256, "82 01 00")]
    [InlineData(65535, "82 ff ff")]
    [InlineData(65536, "83 01 00 00")]
    public void Lengths_use_the_short_form_below_128_and_the_long_form_above(int length, string encoded)
    {
        Ber.EncodeLength(length).Should().Equal(Hex(encoded));
    }

    [Fact]
    public void A_long_OCTET_STRING_round_trips_through_a_long_form_length()
    {
        var text = new string('x', 300);
        var msg = SnmpMessage.Request(SnmpVersion.V2c, "public", SnmpPduType.SetRequest, 3, new VarBind(SysDescr0, SnmpValue.OctetString(text)));

        var bytes = msg.Encode();

        bytes[0..4].Should().Equal(Hex("30 82 01 5a"));
        SnmpMessage.Decode(bytes).VarBinds.Single().Value.Should().Be(SnmpValue.OctetString(text));
    }

    [Theory]
    [InlineData("1.3.6.1.4.1.318", "2b 06 01 04 01 82 3e")]
    [InlineData("2.999.3", "88 37 03")] // X.690 8.19.5 example
    [InlineData("0.0", "00")]
    [InlineData("1.3.6.1.4.1.4294967295", "2b 06 01 04 01 8f ff ff ff 7f")]
    public void OIDs_encode_in_base_128(string oid, string content)
    {
        Ber.OidContent(Oid.Parse(oid)).Should().Equal(Hex(content));
        Ber.DecodeOid(Hex(content)).ToString().Should().Be(oid);
    }

    [Fact]
    public void Unsigned_application_types_decode()
    {
        new SnmpValue(SnmpType.TimeTicks, Hex("00 ff ff ff ff")).AsInt64().Should().Be(uint.MaxValue);
        new SnmpValue(SnmpType.Counter32, Hex("01 00")).AsInt64().Should().Be(256);
        Ber.UnsignedContent(uint.MaxValue).Should().Equal(Hex("00 ff ff ff ff"));
    }

    [Theory]
    [InlineData("30 05 02 01 00", "claims 5 content octets")] // truncated
    [InlineData("30 80 02 01 00 00 00", "indefinite length")]
    [InlineData("30 0b 02 01 03 04 06 70 75 62 6c 69 63", "neither SNMP v1 (0) nor v2c (1)")] // version 3
    [InlineData("04 00", "Expected the SNMP message SEQUENCE")]
    [InlineData("30 10 02 01 00 04 00 a4 09 02 01 01 02 01 00 02 01 00", "is not Get, GetNext, Response or Set")] // v1 trap tag
    public void Malformed_messages_are_rejected_with_the_reason(string hex, string reason)
    {
        var act = () => SnmpMessage.Decode(Hex(hex));

        act.Should().Throw<BerFormatException>().WithMessage($"*{reason}*");
    }

    [Fact]
    public void Oids_order_like_the_MIB()
    {
        var a = Oid.Parse("1.3.6.1.4.1.318.1.1.4.4.2.1.3");
        var b = a.Append(2);
        var c = a.Append(10);
        a.CompareTo(b).Should().BeNegative();
        b.CompareTo(c).Should().BeNegative();
        c.StartsWith(a).Should().BeTrue();
        a.StartsWith(c).Should().BeFalse();
    }
}
