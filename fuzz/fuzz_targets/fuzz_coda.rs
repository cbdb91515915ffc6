//! The CODA parser on any bytes: it must answer a result or an error, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = creditdesk::bank::coda::looks_like(data);
    let _ = creditdesk::bank::coda::parse("fuzz.cod", data);
    let _ = creditdesk::bank::coda::parse_unchecked("fuzz.cod", data);
});
