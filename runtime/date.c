/* date.c — calendar dates as days since 1970-01-01 in the proleptic
 * Gregorian calendar: parsing YYYY-MM-DD and formatting it back. The
 * conversions are Howard Hinnant's days_from_civil / civil_from_days,
 * done in 64 bits so that no urc_date can overflow them. */
#include <stdint.h>
#include <string.h>

#include "case.h"

enum {
	YEAR_MIN = 1900, /* oldest year urc_date_parse accepts */
	YEAR_MAX = 2999, /* newest year urc_date_parse accepts */
};

/* 1 when y is a Gregorian leap year: every 4th, but not every 100th,
 * but again every 400th (2000 was one, 1900 was not). */
static int is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* The number of days in month m (1-12) of year y. */
static int month_days(long y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Days since 1970-01-01 of the valid date y-m-d. */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;                                   /* [0, 399] */
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1; /* [0, 365] */
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */
	return era * 146097 + doe - 719468;
}

/* The year, month and day of z days since 1970-01-01. */
static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* The value of the n decimal digits at s, or -1 when one is not a digit. */
static long digits(const char *s, int n)
{
	long v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Accepts exactly ten characters YYYY-MM-DD naming a real day of a year
 * from 1900 to 2999: no sign, no time of day, no surrounding blanks. */
int urc_date_parse(const char *s, urc_date *out)
{
	if (s == NULL || out == NULL)
		return -1;
	for (int i = 0; i < 10; i++)
		if (s[i] == '\0')
			return -1;
	if (s[10] != '\0' || s[4] != '-' || s[7] != '-')
		return -1;
	long y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
	if (y < YEAR_MIN || y > YEAR_MAX || m < 1 || m > 12)
		return -1;
	if (d < 1 || d > month_days(y, (int)m))
		return -1;
	*out = (urc_date)days_from_civil(y, m, d);
	return 0;
}

/* Writes YYYY-MM-DD and a NUL (11 bytes) into buf and returns buf. A date
 * outside the years 0000-9999, which only arithmetic gone wrong can make,
 * has '?' in place of every digit, so that it can never overflow buf. */
char *urc_date_format(urc_date d, char *buf)
{
	int64_t y;
	int m, day;
	civil_from_days(d, &y, &m, &day);
	if (y < 0 || y > 9999) {
		memcpy(buf, "\?\?\?\?-\?\?-\?\?", 11); /* escaped: no trigraphs */
		return buf;
	}
	/* By hand rather than snprintf, whose truncation warnings cannot see
	 * that every field is in range here. */
	long v = (long)y;
	buf[0] = (char)('0' + v / 1000);
	buf[1] = (char)('0' + v / 100 % 10);
	buf[2] = (char)('0' + v / 10 % 10);
	buf[3] = (char)('0' + v % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + day / 10);
	buf[9] = (char)('0' + day % 10);
	buf[10] = '\0';
	return buf;
}
