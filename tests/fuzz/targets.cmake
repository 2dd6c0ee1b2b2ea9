# The fuzz targets and the sources each one tests, relative to the repository. Read by this
# project (libFuzzer builds) and by tests/core (the same targets replayed over their corpora and
# regression cases under gcc's sanitizers). A target in OHN_FUZZ_MINIUPNPC also needs miniupnpc's
# parsers (from source here, Debian's libminiupnpc in tests/core).
set(OHN_FUZZ_TARGETS record pcp pcp_record owned ssdp text fwrule rtc description soap remembered)
set(OHN_FUZZ_SOURCES_record src/core/record.c src/core/sharing.c)
set(OHN_FUZZ_SOURCES_pcp src/core/pcp.c src/core/pcprecord.c)
set(OHN_FUZZ_SOURCES_pcp_record src/core/pcprecord.c)
set(OHN_FUZZ_SOURCES_owned src/core/upnp.c)
set(OHN_FUZZ_SOURCES_ssdp src/core/upnp.c)
set(OHN_FUZZ_SOURCES_text src/core/upnp.c)
set(OHN_FUZZ_SOURCES_fwrule src/core/fwrule.c src/core/record.c)
set(OHN_FUZZ_SOURCES_rtc src/core/rtc.c)
set(OHN_FUZZ_SOURCES_description src/gateway/igd_parse.c src/core/upnp.c)
set(OHN_FUZZ_SOURCES_soap src/gateway/igd_parse.c src/core/upnp.c)
set(OHN_FUZZ_SOURCES_remembered src/gateway/remembered.c src/core/upnp.c)
set(OHN_FUZZ_MINIUPNPC description soap)

# ohn_fuzz_sources(NAME SOURCE_DIR OUT): NAME's own file and the sources it tests, absolute.
function(ohn_fuzz_sources name source_dir out)
    set(sources ${source_dir}/tests/fuzz/fuzz_${name}.c)
    foreach(src ${OHN_FUZZ_SOURCES_${name}})
        list(APPEND sources ${source_dir}/${src})
    endforeach()
    set(${out} ${sources} PARENT_SCOPE)
endfunction()
