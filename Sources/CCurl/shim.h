#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H
/* Typed wrappers for libcurl's variadic curl_easy_setopt / curl_easy_getinfo, which Swift cannot
   call directly. One wrapper per argument kind; prefix ccurl_. */
#include <curl/curl.h>

static inline CURLcode ccurl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_setopt_offt(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
/* WRITEFUNCTION, HEADERFUNCTION and READFUNCTION share this shape. */
static inline CURLcode ccurl_setopt_datacb(CURL *h, CURLoption o, curl_write_callback cb) { return curl_easy_setopt(h, o, cb); }
static inline CURLcode ccurl_setopt_xferinfo(CURL *h, curl_xferinfo_callback cb) { return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, cb); }
static inline CURLcode ccurl_getinfo_long(CURL *h, CURLINFO i, long *out) { return curl_easy_getinfo(h, i, out); }
static inline CURLcode ccurl_getinfo_socket(CURL *h, curl_socket_t *out) { return curl_easy_getinfo(h, CURLINFO_ACTIVESOCKET, out); }

/* 7.88.1 spells it with three L; 8.2.0+ has the correct name and keeps the old one as a #define. */
#if LIBCURL_VERSION_NUM >= 0x080200
#define CCURL_OPT_MAIL_RCPT_ALLOWFAILS CURLOPT_MAIL_RCPT_ALLOWFAILS
#else
#define CCURL_OPT_MAIL_RCPT_ALLOWFAILS CURLOPT_MAIL_RCPT_ALLLOWFAILS
#endif
static inline CURLcode ccurl_setopt_rcpt_allowfails(CURL *h, long on) { return curl_easy_setopt(h, CCURL_OPT_MAIL_RCPT_ALLOWFAILS, on); }

/* CURLVERSION_NOW is a macro Swift does not import. */
static inline curl_version_info_data *ccurl_version_info(void) { return curl_version_info(CURLVERSION_NOW); }
static inline const int ccurl_error_size(void) { return CURL_ERROR_SIZE; }

#endif
