#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H

// Swift cannot call C variadic functions, so every curl_easy_setopt / curl_easy_getinfo
// use goes through one typed wrapper per argument kind. Nothing else lives here.
#include <curl/curl.h>

/// Signature of CURLOPT_READFUNCTION.
typedef size_t (*ccurl_read_callback)(char *buffer, size_t size, size_t nitems, void *userdata);

/// curl_global_init(CURL_GLOBAL_DEFAULT); the macro is a bit-or Swift does not import.
static inline CURLcode ccurl_global_init(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}

static inline CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

/// libcurl copies string options (since 7.17), so the argument may be a temporary.
static inline CURLcode ccurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

/// For CURLOPT_READDATA, CURLOPT_ERRORBUFFER: the caller keeps the memory alive.
static inline CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_easy_setopt_read_callback(CURL *handle, CURLoption option,
                                                        ccurl_read_callback value) {
    return curl_easy_setopt(handle, option, value);
}

/// libcurl does NOT copy lists: the caller frees the list only after the transfer.
static inline CURLcode ccurl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif
