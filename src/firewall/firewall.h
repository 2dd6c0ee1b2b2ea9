/*
 * The Windows Firewall classes (NetFwPolicy2, NetFwRule and what follows): shared declarations.
 * They are configuration that programs read and write, kept in the firewall store
 * (store/firewall.h); nothing is enforced on the host.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_FIREWALL_H
#define OHN_FIREWALL_H

#include "com/com.h"
#include "store/firewall.h"

/* The classes (the composition root's table names them). */
HRESULT fw_policy2_create(IUnknown *outer, REFIID riid, void **out);
HRESULT fw_rule_create(IUnknown *outer, REFIID riid, void **out);
HRESULT fw_mgr_create(IUnknown *outer, REFIID riid, void **out);
HRESULT fw_app_create(IUnknown *outer, REFIID riid, void **out);
HRESULT fw_port_create(IUnknown *outer, REFIID riid, void **out);
HRESULT fw_product_create(IUnknown *outer, REFIID riid, void **out);
HRESULT fw_products_create(IUnknown *outer, REFIID riid, void **out);

/* A core result as an HRESULT. */
HRESULT fw_hr(int core_result);

/* Where an object keeps its rule: made by CoCreateInstance it holds the rule itself; bound (to
 * a stored rule) every read is the store's and every change one locked read-modify-write
 * there. bound, id and rule are guarded by cs. */
struct fw_holder
{
    CRITICAL_SECTION cs;
    BOOL bound;
    WCHAR id[FW_ID_MAX + 1];
    struct ohn_fw_rule rule;
};
void fw_holder_init(struct fw_holder *h, const WCHAR *id);
void fw_holder_free(struct fw_holder *h);
HRESULT fw_holder_read(struct fw_holder *h, struct ohn_fw_rule *out);
/* change() on a copy, kept only when it succeeds and the rule stays valid. */
HRESULT fw_holder_change(struct fw_holder *h, fw_change change, void *context);
/* Called with h->cs held: the object is the stored rule id from now on. */
void fw_holder_bind(struct fw_holder *h, const WCHAR *id);
/* A string property of the holder's rule, as its getter gives it (NULL for an empty one). */
HRESULT fw_get_field(struct fw_holder *h, enum ohn_fw_field field, BSTR *out);
/* Its put, checked by the core; required: NULL and "" are E_INVALIDARG (a name, a path). */
HRESULT fw_put_field(struct fw_holder *h, enum ohn_fw_field field, BSTR value, BOOL required);

/* A rule object. Made by CoCreateInstance it holds its rule itself; once added to the store,
 * or when got from INetFwRules, it is bound to a stored rule: every get reads it and every put
 * changes it there. */
struct fw_rule;
HRESULT fw_rule_create_bound(const WCHAR *id, REFIID riid, void **out);
/* Our object behind an INetFwRule of any version, or NULL for an object this DLL did not make. */
struct fw_rule *fw_rule_from_iface(INetFwRule *iface);
/* Adds the object's rule to the store and binds the object to it: E_INVALIDARG without a name,
 * HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS) when it is bound to a stored rule already. */
HRESULT fw_rule_add(struct fw_rule *rule);
HRESULT fw_rule_add_in(struct fw_rule *rule, enum fw_table table);

/* Interfaces as INetFwRule::Interfaces has them, a VARIANT array of names, to and from the
 * core's list of "{GUID}" (names of the host's connections; a GUID string is taken as is). */
HRESULT fw_interfaces_from_variant(const VARIANT *in, ohn_char **list);
HRESULT fw_interfaces_to_variant(const ohn_char *list, VARIANT *out);

/* INetFwRules over a table of the store (the firewall's rules, or Windows Service
 * Hardening's): Count, Item and _NewEnum read it when called; _NewEnum gives IEnumVARIANT of
 * VT_DISPATCH rule objects, bound, and its Reset reads the table again. */
HRESULT fw_rules_create(INetFwRules **out);
HRESULT fw_rules_create_in(enum fw_table table, INetFwRules **out);

/* INetFwServiceRestriction (restriction.c). */
HRESULT fw_restriction_create(INetFwServiceRestriction **out);

#endif
