# CMocka for Windows, cross-built from Debian's cmocka source package (fetched by
# scripts/fetch-source.sh at build time, never committed). Provides the imported
# target cmocka::cmocka (a static library: the tests need no DLL beside them).
include(ExternalProject)
set(OHN_CMOCKA_PREFIX ${CMAKE_BINARY_DIR}/_deps/cmocka)
set(OHN_CMOCKA_LIB ${OHN_CMOCKA_PREFIX}/lib/libcmocka-static.a)
ExternalProject_Add(cmocka_ext
    DOWNLOAD_COMMAND ${CMAKE_SOURCE_DIR}/scripts/fetch-source.sh cmocka <SOURCE_DIR>
    SOURCE_DIR ${CMAKE_BINARY_DIR}/_deps/cmocka-src
    BINARY_DIR ${CMAKE_BINARY_DIR}/_deps/cmocka-build
    INSTALL_DIR ${OHN_CMOCKA_PREFIX}
    CMAKE_ARGS
        -DCMAKE_TOOLCHAIN_FILE=${OHN_TOOLCHAIN_FILE}
        -DCMAKE_INSTALL_PREFIX=<INSTALL_DIR>
        -DCMAKE_INSTALL_LIBDIR=lib
        -DCMAKE_BUILD_TYPE=Release
        -DWITH_STATIC_LIB=ON
        -DWITH_EXAMPLES=OFF
        -DUNIT_TESTING=OFF
    BUILD_BYPRODUCTS ${OHN_CMOCKA_LIB}
    UPDATE_COMMAND ""
    LOG_DOWNLOAD ON LOG_CONFIGURE ON LOG_BUILD ON LOG_INSTALL ON)
file(MAKE_DIRECTORY ${OHN_CMOCKA_PREFIX}/include)
add_library(cmocka::cmocka STATIC IMPORTED GLOBAL)
set_target_properties(cmocka::cmocka PROPERTIES
    IMPORTED_LOCATION ${OHN_CMOCKA_LIB}
    INTERFACE_INCLUDE_DIRECTORIES ${OHN_CMOCKA_PREFIX}/include)
add_dependencies(cmocka::cmocka cmocka_ext)
