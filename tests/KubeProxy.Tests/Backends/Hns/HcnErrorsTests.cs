using Orchestrator.KubeProxy.Backends.Hns;

namespace Orchestrator.KubeProxy.Tests.Backends.Hns;

public class HcnErrorsTests
{
    [Fact]
    public void Success_without_an_error_record_is_no_error()
    {
        Assert.Null(HcnErrors.Check("hcnCreateLoadBalancer", 0, null));
        Assert.Null(HcnErrors.Check("hcnCreateLoadBalancer", 0, ""));
    }

    [Fact]
    public void Port_already_exists_maps_to_the_port_exists_exception_with_hcsshims_message()
    {
        const string record = """{"Success":false,"Error":"The specified port already exists. ","ErrorCode":2151350291}""";

        var error = HcnErrors.Check("hcnCreateLoadBalancer", HcnErrors.PortAlreadyExists, record);

        var exists = Assert.IsType<HcnPortExistsException>(error);
        Assert.Equal($"hcnCreateLoadBalancer failed in Win32: The specified port already exists. (0x803b0013) {record}", exists.Message);
        Assert.Equal(record, exists.ErrorRecord);
        Assert.Equal(HcnErrors.PortAlreadyExists, exists.HResult);
    }

    [Theory]
    [InlineData(unchecked((int)0x80070490))]
    [InlineData(unchecked((int)0x803b0001))]
    [InlineData(unchecked((int)0x803b0002))]
    [InlineData(unchecked((int)0x803b0007))]
    public void Not_found_codes_map_to_not_found(int hresult) =>
        Assert.IsType<HcnNotFoundException>(HcnErrors.Check("hcnDeleteLoadBalancer", hresult, null));

    [Fact]
    public void E_notimpl_maps_to_not_implemented()
    {
        var error = Assert.IsType<HcnNotImplementedException>(HcnErrors.Check("hcnModifyLoadBalancer", HcnErrors.NotImplemented, null));
        Assert.Equal("hcnModifyLoadBalancer failed in Win32: Not implemented (0x80004001)", error.Message);
    }

    [Fact]
    public void A_success_hresult_with_an_error_record_fails_with_the_records_code()
    {
        const string record = """{"Success":false,"Error":"The switch-port was not found. ","ErrorCode":2151350279}""";

        var error = HcnErrors.Check("hcnDeleteEndpoint", 0, record);

        Assert.IsType<HcnNotFoundException>(error);
        Assert.StartsWith("hcnDeleteEndpoint failed in Win32: The switch-port was not found. (0x803b0007)", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_system_message_wins_over_the_record_text_and_other_codes_stay_generic()
    {
        var error = HcnErrors.Check("hcnCreateEndpoint", HcnErrors.InvalidJson, "not json", systemMessage: "The JSON document is invalid. ");

        Assert.Equal(typeof(HcnException), error!.GetType());
        Assert.Equal("hcnCreateEndpoint failed in Win32: The JSON document is invalid. (0x803b001b) not json", error.Message);
    }
}
