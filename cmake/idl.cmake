# ohn_compile_idl(NAME): idl/NAME.idl -> NAME.h (C header), NAME_i.c (GUIDs), NAME.tlb (type
# library), in ${OHN_IDL_OUT}; target idl_NAME builds them.
set(OHN_IDL_OUT ${CMAKE_BINARY_DIR}/idl)
file(MAKE_DIRECTORY ${OHN_IDL_OUT})

# ohn_compile_idl(NAME [SOURCE]): SOURCE instead of idl/NAME.idl (Wine's netfw.idl).
function(ohn_compile_idl name)
    set(src ${CMAKE_SOURCE_DIR}/idl/${name}.idl)
    if(ARGC GREATER 1)
        set(src ${ARGV1})
    endif()
    set(widl ${OHN_WIDL} ${OHN_WIDL_ARCH} -I${CMAKE_SOURCE_DIR}/idl -I${OHN_WINE_IDL_DIR} -L${OHN_STDOLE_DIR})
    add_custom_command(
        OUTPUT ${OHN_IDL_OUT}/${name}.h ${OHN_IDL_OUT}/${name}_i.c ${OHN_IDL_OUT}/${name}.tlb
        COMMAND ${widl} -h -o ${OHN_IDL_OUT}/${name}.h ${src}
        COMMAND ${widl} -u -o ${OHN_IDL_OUT}/${name}_i.c ${src}
        COMMAND ${widl} -t -o ${OHN_IDL_OUT}/${name}.tlb ${src}
        DEPENDS ${src}
        COMMENT "widl ${name}.idl"
        VERBATIM)
    add_custom_target(idl_${name} DEPENDS ${OHN_IDL_OUT}/${name}.h ${OHN_IDL_OUT}/${name}_i.c ${OHN_IDL_OUT}/${name}.tlb)
endfunction()
