# CMocka for Windows, cross-built from Debian's cmocka source package. Provides the imported
# target cmocka::cmocka (a static library: the tests need no DLL beside them).
# Each release builds its static library its own way: cmocka 1.1.5 (Debian 12) from
# WITH_STATIC_LIB=ON as libcmocka-static.a; 1.1.7 (Debian 13) and 2.x (sid) have no such option
# and build libcmocka.a when BUILD_SHARED_LIBS is OFF. Both options are given; whichever file
# the version built becomes libohn-cmocka.a.
include(${CMAKE_CURRENT_LIST_DIR}/source-package.cmake)
ohn_source_package(cmocka cmocka::cmocka libohn-cmocka.a
    -DWITH_STATIC_LIB=ON
    -DBUILD_SHARED_LIBS=OFF
    -DWITH_EXAMPLES=OFF
    -DUNIT_TESTING=OFF)
ExternalProject_Add_Step(cmocka_ext pick_static
    COMMAND ${CMAKE_COMMAND} -DDIR=${CMAKE_BINARY_DIR}/_deps/cmocka/lib -DOUT=libohn-cmocka.a
            -DCANDIDATES=libcmocka-static.a,libcmocka.a -P ${CMAKE_CURRENT_LIST_DIR}/pick-library.cmake
    DEPENDEES install
    BYPRODUCTS ${CMAKE_BINARY_DIR}/_deps/cmocka/lib/libohn-cmocka.a)
# cmocka 2's header declares its symbols dllimport unless CMOCKA_STATIC says it is linked statically.
set_target_properties(cmocka::cmocka PROPERTIES INTERFACE_COMPILE_DEFINITIONS CMOCKA_STATIC)
