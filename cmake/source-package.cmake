# ohn_source_package(PACKAGE TARGET LIBRARY [CMAKE_ARGS...]): a C library cross-built for Windows
# from Debian's source package PACKAGE (fetched by scripts/fetch-source.sh at build time, never
# committed) with the project's toolchain, installed under _deps/PACKAGE, and provided as the
# imported static library TARGET (file lib/LIBRARY). CMAKE_ARGS are the package's own options.
include(ExternalProject)
function(ohn_source_package package target library)
    set(prefix ${CMAKE_BINARY_DIR}/_deps/${package})
    ExternalProject_Add(${package}_ext
        DOWNLOAD_COMMAND ${CMAKE_SOURCE_DIR}/scripts/fetch-source.sh ${package} <SOURCE_DIR>
        SOURCE_DIR ${CMAKE_BINARY_DIR}/_deps/${package}-src
        BINARY_DIR ${CMAKE_BINARY_DIR}/_deps/${package}-build
        INSTALL_DIR ${prefix}
        CMAKE_ARGS
            -DCMAKE_TOOLCHAIN_FILE=${OHN_TOOLCHAIN_FILE}
            -DCMAKE_INSTALL_PREFIX=<INSTALL_DIR>
            -DCMAKE_INSTALL_LIBDIR=lib
            -DCMAKE_BUILD_TYPE=Release
            ${ARGN}
        BUILD_BYPRODUCTS ${prefix}/lib/${library}
        UPDATE_COMMAND ""
        LOG_DOWNLOAD OFF LOG_CONFIGURE ON LOG_BUILD ON LOG_INSTALL ON)
    file(MAKE_DIRECTORY ${prefix}/include)
    add_library(${target} STATIC IMPORTED GLOBAL)
    set_target_properties(${target} PROPERTIES
        IMPORTED_LOCATION ${prefix}/lib/${library}
        INTERFACE_INCLUDE_DIRECTORIES ${prefix}/include)
    add_dependencies(${target} ${package}_ext)
endfunction()
