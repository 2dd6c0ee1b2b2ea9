# miniupnpc for Windows, cross-built from Debian's miniupnpc source package as a static library
# linked into hnetcfg.dll. Every file of it is compiled with src/gateway/net_bounds.h forced in
# front and OHN_NET_BOUNDS_REDIRECT defined: its connect, select, recv and send become the
# bounded ones of src/gateway/net_bounds.c, without patching its source. Provides the imported
# target miniupnpc::static.
include(${CMAKE_CURRENT_LIST_DIR}/source-package.cmake)
ohn_source_package(miniupnpc miniupnpc::static libminiupnpc.a
    "-DCMAKE_C_FLAGS=-include ${CMAKE_SOURCE_DIR}/src/gateway/net_bounds.h -DOHN_NET_BOUNDS_REDIRECT"
    -DUPNPC_BUILD_STATIC=ON
    -DUPNPC_BUILD_SHARED=OFF
    -DUPNPC_BUILD_TESTS=OFF
    -DUPNPC_BUILD_SAMPLE=OFF)
set_target_properties(miniupnpc::static PROPERTIES
    INTERFACE_COMPILE_DEFINITIONS MINIUPNP_STATICLIB
    INTERFACE_LINK_LIBRARIES "ws2_32;iphlpapi")
