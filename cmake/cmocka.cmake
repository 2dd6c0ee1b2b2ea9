# CMocka for Windows, cross-built from Debian's cmocka source package. Provides the imported
# target cmocka::cmocka (a static library: the tests need no DLL beside them).
include(${CMAKE_CURRENT_LIST_DIR}/source-package.cmake)
ohn_source_package(cmocka cmocka::cmocka libcmocka-static.a
    -DWITH_STATIC_LIB=ON
    -DWITH_EXAMPLES=OFF
    -DUNIT_TESTING=OFF)
