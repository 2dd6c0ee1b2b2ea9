# miniupnpc for Windows, cross-built from Debian's miniupnpc source package (fetched by
# scripts/fetch-source.sh at build time, never committed) as a static library linked into
# hnetcfg.dll. Every file of it is compiled with src/upnp/net_bounds.h forced in front and
# OHN_NET_BOUNDS_REDIRECT defined: its connect, select, recv and send become the bounded ones
# of src/upnp/net_bounds.c, without patching its source. Provides the imported target
# miniupnpc::static.
include(ExternalProject)
set(OHN_MINIUPNPC_PREFIX ${CMAKE_BINARY_DIR}/_deps/miniupnpc)
set(OHN_MINIUPNPC_LIB ${OHN_MINIUPNPC_PREFIX}/lib/libminiupnpc.a)
ExternalProject_Add(miniupnpc_ext
    DOWNLOAD_COMMAND ${CMAKE_SOURCE_DIR}/scripts/fetch-source.sh miniupnpc <SOURCE_DIR>
    SOURCE_DIR ${CMAKE_BINARY_DIR}/_deps/miniupnpc-src
    BINARY_DIR ${CMAKE_BINARY_DIR}/_deps/miniupnpc-build
    INSTALL_DIR ${OHN_MINIUPNPC_PREFIX}
    CMAKE_ARGS
        -DCMAKE_TOOLCHAIN_FILE=${OHN_TOOLCHAIN_FILE}
        -DCMAKE_INSTALL_PREFIX=<INSTALL_DIR>
        -DCMAKE_INSTALL_LIBDIR=lib
        -DCMAKE_BUILD_TYPE=Release
        "-DCMAKE_C_FLAGS=-include ${CMAKE_SOURCE_DIR}/src/upnp/net_bounds.h -DOHN_NET_BOUNDS_REDIRECT"
        -DUPNPC_BUILD_STATIC=ON
        -DUPNPC_BUILD_SHARED=OFF
        -DUPNPC_BUILD_TESTS=OFF
        -DUPNPC_BUILD_SAMPLE=OFF
    BUILD_BYPRODUCTS ${OHN_MINIUPNPC_LIB}
    UPDATE_COMMAND ""
    LOG_DOWNLOAD ON LOG_CONFIGURE ON LOG_BUILD ON LOG_INSTALL ON)
file(MAKE_DIRECTORY ${OHN_MINIUPNPC_PREFIX}/include)
add_library(miniupnpc::static STATIC IMPORTED GLOBAL)
set_target_properties(miniupnpc::static PROPERTIES
    IMPORTED_LOCATION ${OHN_MINIUPNPC_LIB}
    INTERFACE_INCLUDE_DIRECTORIES ${OHN_MINIUPNPC_PREFIX}/include
    INTERFACE_COMPILE_DEFINITIONS MINIUPNP_STATICLIB
    INTERFACE_LINK_LIBRARIES "ws2_32;iphlpapi")
add_dependencies(miniupnpc::static miniupnpc_ext)
