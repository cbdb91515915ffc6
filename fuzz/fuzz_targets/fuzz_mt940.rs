//! The MT940 parser on any bytes: it must answer a result or an error, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = creditdesk::bank::mt940::looks_like(&String::from_utf8_lossy(data));
    let _ = creditdesk::bank::mt940::parse("fuzz.940", data);
});
