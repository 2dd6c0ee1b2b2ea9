/*
 * NetFwProduct and NetFwProducts: third-party firewall products registering themselves.
 *
 * A registration lasts as long as the object INetFwProducts::Register returns, as on Windows.
 * It is a volatile key of the prefix's registry, so every process of both architectures sees
 * it and no wineserver restart keeps it:
 *
 *   HKLM\Software\open-hnetcfg\Firewall\Products\{registration}   (volatile)
 *       DisplayName REG_SZ, RuleCategories REG_BINARY (DWORDs), Path REG_SZ, Process REG_DWORD
 *
 * The registration's Release deletes its key; a key whose process is gone (it died holding
 * one) is not listed, and is deleted by the next Register. A key without its Process value
 * (being written by another Register) is neither listed nor deleted. PathToSignedProductExe is the
 * registering program's path (NULL before registration); nothing checks a signature.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "firewall/legacy.h"

#define PRODUCTS_KEY FW_OWN_KEY L"\\Products"
#define CATEGORY_MAX 4 /* NET_FW_RULE_CATEGORY_MAX: BOOT 0, STEALTH 1, FIREWALL 2, CONSEC 3 */

struct product_data
{
    WCHAR name[256];
    WCHAR path[MAX_PATH];
    DWORD categories[CATEGORY_MAX];
    DWORD count;
};

/* ---- NetFwProduct ---- */

struct fw_product
{
    INetFwProduct INetFwProduct_iface;
    LONG refs;
    CRITICAL_SECTION cs;
    struct product_data data; /* guarded by cs */
};

static struct fw_product *product_impl(INetFwProduct *iface)
{
    return CONTAINING_RECORD(iface, struct fw_product, INetFwProduct_iface);
}

static const INetFwProductVtbl product_vtbl;

static HRESULT WINAPI product_QueryInterface(INetFwProduct *iface, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IDispatch) || IsEqualGUID(riid, &IID_INetFwProduct))
    {
        *out = iface;
        INetFwProduct_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI product_AddRef(INetFwProduct *iface)
{
    return InterlockedIncrement(&product_impl(iface)->refs);
}

static ULONG WINAPI product_Release(INetFwProduct *iface)
{
    struct fw_product *o = product_impl(iface);
    LONG refs = InterlockedDecrement(&o->refs);

    if (!refs)
    {
        DeleteCriticalSection(&o->cs);
        HeapFree(GetProcessHeap(), 0, o);
        ohn_object_destroyed();
    }
    return refs;
}

OHN_IMPL_IDISPATCH(product, INetFwProduct, tid_INetFwProduct)

static HRESULT WINAPI product_get_RuleCategories(INetFwProduct *iface, VARIANT *out)
{
    struct fw_product *o = product_impl(iface);
    SAFEARRAY *array;
    HRESULT hr = S_OK;
    LONG i;

    if (!out)
        return E_POINTER;
    VariantInit(out);
    EnterCriticalSection(&o->cs);
    if (o->data.count)
    {
        if (!(array = SafeArrayCreateVector(VT_VARIANT, 0, o->data.count)))
            hr = E_OUTOFMEMORY;
        for (i = 0; SUCCEEDED(hr) && i < (LONG)o->data.count; i++)
        {
            VARIANT v;

            V_VT(&v) = VT_I4;
            V_I4(&v) = (LONG)o->data.categories[i];
            hr = SafeArrayPutElement(array, &i, &v);
        }
        if (SUCCEEDED(hr))
        {
            V_VT(out) = VT_ARRAY | VT_VARIANT;
            V_ARRAY(out) = array;
        }
        else if (array)
            SafeArrayDestroy(array);
    }
    LeaveCriticalSection(&o->cs);
    return hr;
}

static HRESULT category_of(const VARIANT *v, DWORD *out)
{
    VARIANT copy;

    VariantInit(&copy);
    if (FAILED(VariantChangeType(&copy, (VARIANT *)v, 0, VT_I4)) || V_I4(&copy) < 0 || V_I4(&copy) >= CATEGORY_MAX)
        return E_INVALIDARG;
    *out = (DWORD)V_I4(&copy);
    return S_OK;
}

/* An array of NET_FW_RULE_CATEGORY values (VT_I4 or VT_VARIANT elements), each at most once. */
static HRESULT WINAPI product_put_RuleCategories(INetFwProduct *iface, VARIANT value)
{
    struct fw_product *o = product_impl(iface);
    const VARIANT *v = &value;
    DWORD categories[CATEGORY_MAX], count = 0, j;
    SAFEARRAY *array;
    LONG lower, upper, i;
    VARTYPE type;

    if (V_VT(v) == (VT_BYREF | VT_VARIANT))
        v = V_VARIANTREF(v);
    if (!v || !(V_VT(v) & VT_ARRAY))
        return E_INVALIDARG;
    array = (V_VT(v) & VT_BYREF) ? (V_ARRAYREF(v) ? *V_ARRAYREF(v) : NULL) : V_ARRAY(v);
    type = V_VT(v) & ~(VT_ARRAY | VT_BYREF);
    if (!array || SafeArrayGetDim(array) != 1 || (type != VT_VARIANT && type != VT_I4) ||
        FAILED(SafeArrayGetLBound(array, 1, &lower)) || FAILED(SafeArrayGetUBound(array, 1, &upper)) ||
        upper - lower + 1 > CATEGORY_MAX)
        return E_INVALIDARG;
    for (i = lower; i <= upper; i++)
    {
        VARIANT item;
        HRESULT hr;

        VariantInit(&item);
        if (type == VT_I4)
        {
            V_VT(&item) = VT_I4;
            hr = SafeArrayGetElement(array, &i, &V_I4(&item));
        }
        else
            hr = SafeArrayGetElement(array, &i, &item);
        if (SUCCEEDED(hr))
            hr = category_of(&item, &categories[count]);
        VariantClear(&item);
        if (FAILED(hr))
            return E_INVALIDARG;
        for (j = 0; j < count; j++)
            if (categories[j] == categories[count])
                return E_INVALIDARG;
        count++;
    }
    EnterCriticalSection(&o->cs);
    memcpy(o->data.categories, categories, count * sizeof(DWORD));
    o->data.count = count;
    LeaveCriticalSection(&o->cs);
    return S_OK;
}

static HRESULT WINAPI product_get_DisplayName(INetFwProduct *iface, BSTR *out)
{
    struct fw_product *o = product_impl(iface);
    HRESULT hr = S_OK;

    if (!out)
        return E_POINTER;
    EnterCriticalSection(&o->cs);
    *out = NULL;
    if (o->data.name[0] && !(*out = SysAllocString(o->data.name)))
        hr = E_OUTOFMEMORY;
    LeaveCriticalSection(&o->cs);
    return hr;
}

static HRESULT WINAPI product_put_DisplayName(INetFwProduct *iface, BSTR value)
{
    struct fw_product *o = product_impl(iface);
    size_t len;
    HRESULT hr;

    if (FAILED(hr = ohn_in_string(value, ARRAY_SIZE(o->data.name) - 1, E_INVALIDARG, &len)) || !len)
        return E_INVALIDARG;
    EnterCriticalSection(&o->cs);
    lstrcpynW(o->data.name, value, (int)len + 1);
    LeaveCriticalSection(&o->cs);
    return S_OK;
}

static HRESULT WINAPI product_get_PathToSignedProductExe(INetFwProduct *iface, BSTR *out)
{
    struct fw_product *o = product_impl(iface);
    HRESULT hr = S_OK;

    if (!out)
        return E_POINTER;
    EnterCriticalSection(&o->cs);
    *out = NULL;
    if (o->data.path[0] && !(*out = SysAllocString(o->data.path)))
        hr = E_OUTOFMEMORY;
    LeaveCriticalSection(&o->cs);
    return hr;
}

static const INetFwProductVtbl product_vtbl = {
    product_QueryInterface,      product_AddRef,          product_Release,
    product_GetTypeInfoCount,    product_GetTypeInfo,     product_GetIDsOfNames,
    product_Invoke,              product_get_RuleCategories, product_put_RuleCategories,
    product_get_DisplayName,     product_put_DisplayName, product_get_PathToSignedProductExe,
};

static HRESULT product_new(const struct product_data *data, REFIID riid, void **out)
{
    struct fw_product *o;
    HRESULT hr;

    *out = NULL;
    if (!(o = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*o))))
        return E_OUTOFMEMORY;
    o->INetFwProduct_iface.lpVtbl = &product_vtbl;
    o->refs = 1;
    InitializeCriticalSection(&o->cs);
    if (data)
        o->data = *data;
    ohn_object_created();
    hr = INetFwProduct_QueryInterface(&o->INetFwProduct_iface, riid, out);
    INetFwProduct_Release(&o->INetFwProduct_iface);
    return hr;
}

HRESULT fw_product_create(IUnknown *outer, REFIID riid, void **out)
{
    return product_new(NULL, riid, out);
}

/* ---- the registrations ---- */

static BOOL process_alive(DWORD pid)
{
    HANDLE process = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid);
    DWORD code = 0;
    BOOL alive;

    if (!process)
        return GetLastError() == ERROR_ACCESS_DENIED;
    alive = GetExitCodeProcess(process, &code) && code == STILL_ACTIVE;
    CloseHandle(process);
    return alive;
}

static BOOL read_product(HKEY key, struct product_data *data, DWORD *pid)
{
    DWORD size = sizeof(data->name) - sizeof(WCHAR), type;

    memset(data, 0, sizeof(*data));
    if (RegQueryValueExW(key, L"DisplayName", NULL, &type, (BYTE *)data->name, &size) || type != REG_SZ)
        return FALSE;
    size = sizeof(data->path) - sizeof(WCHAR);
    if (RegQueryValueExW(key, L"Path", NULL, &type, (BYTE *)data->path, &size) || type != REG_SZ)
        data->path[0] = 0;
    size = sizeof(data->categories);
    if (RegQueryValueExW(key, L"RuleCategories", NULL, &type, (BYTE *)data->categories, &size) ||
        type != REG_BINARY || size % sizeof(DWORD))
        size = 0;
    data->count = size / sizeof(DWORD);
    size = sizeof(*pid);
    return !RegQueryValueExW(key, L"Process", NULL, &type, (BYTE *)pid, &size) && type == REG_DWORD;
}

/* The live registrations, in the registry's order (at most max); with reap, the dead ones'
 * keys are deleted. */
static HRESULT list_products(struct product_data *items, DWORD max, DWORD *count, BOOL reap)
{
    WCHAR name[64];
    DWORD index = 0, len;
    HKEY root, key;
    LONG err;

    *count = 0;
    if ((err = RegOpenKeyExW(HKEY_LOCAL_MACHINE, PRODUCTS_KEY, 0, KEY_READ | KEY_WRITE | KEY_WOW64_64KEY, &root)))
        return err == ERROR_FILE_NOT_FOUND ? S_OK : HRESULT_FROM_WIN32(err);
    for (;;)
    {
        struct product_data data;
        DWORD pid;

        len = ARRAY_SIZE(name);
        if (RegEnumKeyExW(root, index, name, &len, NULL, NULL, NULL, NULL))
            break;
        index++;
        if (RegOpenKeyExW(root, name, 0, KEY_READ | KEY_WOW64_64KEY, &key))
            continue;
        if (!read_product(key, &data, &pid))
            ; /* being written (Process comes last), or not ours to judge: left alone */
        else if (process_alive(pid))
        {
            if (items && *count < max)
                items[*count] = data;
            (*count)++;
        }
        else if (reap)
        {
            RegCloseKey(key);
            key = NULL;
            if (!RegDeleteKeyExW(root, name, KEY_WOW64_64KEY, 0))
                index--;
        }
        if (key)
            RegCloseKey(key);
    }
    RegCloseKey(root);
    return S_OK;
}

/* The object Register returns: its Release ends the registration. */
struct registration
{
    IUnknown IUnknown_iface;
    LONG refs;
    WCHAR key[64];
};

static struct registration *registration_impl(IUnknown *iface)
{
    return CONTAINING_RECORD(iface, struct registration, IUnknown_iface);
}

static HRESULT WINAPI registration_QueryInterface(IUnknown *iface, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown))
    {
        *out = iface;
        IUnknown_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI registration_AddRef(IUnknown *iface)
{
    return InterlockedIncrement(&registration_impl(iface)->refs);
}

static ULONG WINAPI registration_Release(IUnknown *iface)
{
    struct registration *r = registration_impl(iface);
    LONG refs = InterlockedDecrement(&r->refs);
    HKEY root;

    if (!refs)
    {
        if (!RegOpenKeyExW(HKEY_LOCAL_MACHINE, PRODUCTS_KEY, 0, KEY_ALL_ACCESS | KEY_WOW64_64KEY, &root))
        {
            RegDeleteKeyExW(root, r->key, KEY_WOW64_64KEY, 0);
            RegCloseKey(root);
        }
        HeapFree(GetProcessHeap(), 0, r);
        ohn_object_destroyed();
    }
    return refs;
}

static const IUnknownVtbl registration_vtbl = {
    registration_QueryInterface, registration_AddRef, registration_Release,
};

/* ---- NetFwProducts ---- */

struct fw_products
{
    INetFwProducts INetFwProducts_iface;
    LONG refs;
};

static struct fw_products *products_impl(INetFwProducts *iface)
{
    return CONTAINING_RECORD(iface, struct fw_products, INetFwProducts_iface);
}

static HRESULT WINAPI products_QueryInterface(INetFwProducts *iface, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IDispatch) || IsEqualGUID(riid, &IID_INetFwProducts))
    {
        *out = iface;
        INetFwProducts_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI products_AddRef(INetFwProducts *iface)
{
    return InterlockedIncrement(&products_impl(iface)->refs);
}

static ULONG WINAPI products_Release(INetFwProducts *iface)
{
    struct fw_products *o = products_impl(iface);
    LONG refs = InterlockedDecrement(&o->refs);

    if (!refs)
    {
        HeapFree(GetProcessHeap(), 0, o);
        ohn_object_destroyed();
    }
    return refs;
}

OHN_IMPL_IDISPATCH(products, INetFwProducts, tid_INetFwProducts)

static HRESULT WINAPI products_get_Count(INetFwProducts *iface, LONG *count)
{
    DWORD n;
    HRESULT hr;

    if (!count)
        return E_POINTER;
    if (SUCCEEDED(hr = list_products(NULL, 0, &n, FALSE)))
        *count = (LONG)n;
    return hr;
}

/* A product of this DLL with a display name and at least one category. */
static HRESULT WINAPI products_Register(INetFwProducts *iface, INetFwProduct *product, IUnknown **out)
{
    struct product_data data;
    struct registration *r;
    struct fw_product *p;
    DWORD pid = GetCurrentProcessId(), n;
    HKEY key;
    GUID guid;
    LONG err;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!product)
        return E_POINTER;
    if (product->lpVtbl != &product_vtbl)
        return E_INVALIDARG;
    p = product_impl(product);
    EnterCriticalSection(&p->cs);
    data = p->data;
    LeaveCriticalSection(&p->cs);
    if (!data.name[0] || !data.count)
        return E_INVALIDARG;
    if (!GetModuleFileNameW(NULL, data.path, ARRAY_SIZE(data.path)))
        data.path[0] = 0;
    list_products(NULL, 0, &n, TRUE); /* the dead processes' registrations go */
    if (!(r = HeapAlloc(GetProcessHeap(), 0, sizeof(*r))))
        return E_OUTOFMEMORY;
    if (FAILED(hr = CoCreateGuid(&guid)))
    {
        HeapFree(GetProcessHeap(), 0, r);
        return hr;
    }
    StringFromGUID2(&guid, r->key, ARRAY_SIZE(r->key));
    {
        WCHAR path[ARRAY_SIZE(PRODUCTS_KEY) + 64];

        wsprintfW(path, L"%s\\%s", PRODUCTS_KEY, r->key);
        err = RegCreateKeyExW(HKEY_LOCAL_MACHINE, path, 0, NULL, REG_OPTION_VOLATILE, KEY_ALL_ACCESS | KEY_WOW64_64KEY,
                              NULL, &key, NULL);
    }
    if (!err)
    {
        err = RegSetValueExW(key, L"DisplayName", 0, REG_SZ, (const BYTE *)data.name,
                             (lstrlenW(data.name) + 1) * sizeof(WCHAR));
        if (!err)
            err = RegSetValueExW(key, L"Path", 0, REG_SZ, (const BYTE *)data.path,
                                 (lstrlenW(data.path) + 1) * sizeof(WCHAR));
        if (!err)
            err = RegSetValueExW(key, L"RuleCategories", 0, REG_BINARY, (const BYTE *)data.categories,
                                 data.count * sizeof(DWORD));
        /* Last: a key is a registration once it names its process. */
        if (!err)
            err = RegSetValueExW(key, L"Process", 0, REG_DWORD, (const BYTE *)&pid, sizeof(pid));
        RegCloseKey(key);
    }
    if (err)
    {
        HeapFree(GetProcessHeap(), 0, r);
        return HRESULT_FROM_WIN32(err);
    }
    EnterCriticalSection(&p->cs);
    lstrcpyW(p->data.path, data.path);
    LeaveCriticalSection(&p->cs);
    r->IUnknown_iface.lpVtbl = &registration_vtbl;
    r->refs = 1;
    ohn_object_created();
    *out = &r->IUnknown_iface;
    return S_OK;
}

#define MAX_LISTED 256

static HRESULT WINAPI products_Item(INetFwProducts *iface, LONG index, INetFwProduct **out)
{
    struct product_data *items;
    DWORD n;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (index < 0 || index >= MAX_LISTED)
        return E_INVALIDARG;
    if (!(items = HeapAlloc(GetProcessHeap(), 0, MAX_LISTED * sizeof(*items))))
        return E_OUTOFMEMORY;
    if (SUCCEEDED(hr = list_products(items, MAX_LISTED, &n, FALSE)))
        hr = index < (LONG)n ? product_new(&items[index], &IID_INetFwProduct, (void **)out) : E_INVALIDARG;
    HeapFree(GetProcessHeap(), 0, items);
    return hr;
}

struct products_snapshot
{
    struct ohn_snapshot base;
    struct product_data *items;
};

static HRESULT products_snapshot_item(struct ohn_snapshot *snap, ULONG index, VARIANT *out)
{
    struct products_snapshot *s = CONTAINING_RECORD(snap, struct products_snapshot, base);
    IDispatch *product;
    HRESULT hr;

    if (FAILED(hr = product_new(&s->items[index], &IID_IDispatch, (void **)&product)))
        return hr;
    V_VT(out) = VT_DISPATCH;
    V_DISPATCH(out) = product;
    return S_OK;
}

static void products_snapshot_destroy(struct ohn_snapshot *snap)
{
    struct products_snapshot *s = CONTAINING_RECORD(snap, struct products_snapshot, base);

    HeapFree(GetProcessHeap(), 0, s->items);
    HeapFree(GetProcessHeap(), 0, s);
}

static HRESULT products_snapshot_new(struct ohn_snapshot **out);

static HRESULT products_refresh(struct ohn_snapshot *snap, struct ohn_snapshot **fresh)
{
    return products_snapshot_new(fresh);
}

/* The products registered now. */
static HRESULT products_snapshot_new(struct ohn_snapshot **out)
{
    struct products_snapshot *s;
    DWORD n;
    HRESULT hr;

    *out = NULL;
    if (!(s = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*s))) ||
        !(s->items = HeapAlloc(GetProcessHeap(), 0, MAX_LISTED * sizeof(*s->items))))
    {
        HeapFree(GetProcessHeap(), 0, s);
        return E_OUTOFMEMORY;
    }
    if (FAILED(hr = list_products(s->items, MAX_LISTED, &n, FALSE)))
    {
        products_snapshot_destroy(&s->base);
        return hr;
    }
    s->base.refs = 1;
    s->base.count = n < MAX_LISTED ? n : MAX_LISTED;
    s->base.item = products_snapshot_item;
    s->base.destroy = products_snapshot_destroy;
    s->base.refresh = products_refresh;
    *out = &s->base;
    return S_OK;
}

/* The registered products as they are now, and again at each Reset. */
static HRESULT WINAPI products_get__NewEnum(INetFwProducts *iface, IUnknown **out)
{
    struct ohn_snapshot *s;

    if (!out)
        return E_POINTER;
    *out = NULL;
    return ohn_enum_of_new(products_snapshot_new(&s), &s, out);
}

static const INetFwProductsVtbl products_vtbl = {
    products_QueryInterface, products_AddRef,       products_Release, products_GetTypeInfoCount,
    products_GetTypeInfo,    products_GetIDsOfNames, products_Invoke, products_get_Count,
    products_Register,       products_Item,         products_get__NewEnum,
};

HRESULT fw_products_create(IUnknown *outer, REFIID riid, void **out)
{
    struct fw_products *o;
    HRESULT hr;

    *out = NULL;
    if (!(o = HeapAlloc(GetProcessHeap(), 0, sizeof(*o))))
        return E_OUTOFMEMORY;
    o->INetFwProducts_iface.lpVtbl = &products_vtbl;
    o->refs = 1;
    ohn_object_created();
    hr = INetFwProducts_QueryInterface(&o->INetFwProducts_iface, riid, out);
    INetFwProducts_Release(&o->INetFwProducts_iface);
    return hr;
}
