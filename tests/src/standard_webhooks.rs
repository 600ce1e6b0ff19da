//! Verifying deliveries with an implementation that is not ours: the `standardwebhooks`
//! package from the Python Package Index (`pip install standardwebhooks`), run by `python3`.

use std::process::Command;

use serde_json::{Value, json};

const VERIFY: &str = r#"
import json, sys
from standardwebhooks.webhooks import Webhook
results = []
for case in json.load(sys.stdin):
    try:
        Webhook(case["secret"]).verify(case["body"], case["headers"])
        results.append("ok")
    except Exception as error:
        results.append(f"{type(error).__name__}: {error}")
print(json.dumps(results))
"#;

/// Verifies each `(secret, webhook-id, webhook-timestamp, webhook-signature, body)` with the
/// reference library and returns `"ok"` or the library's refusal for each; `None`, with a
/// note printed, when python3 or the package is missing.
pub fn verify_with_reference(
    cases: &[(String, String, String, String, String)],
) -> Option<Vec<String>> {
    let cases: Vec<Value> = cases
        .iter()
        .map(|(secret, id, timestamp, signature, body)| {
            json!({
                "secret": secret,
                "body": body,
                "headers": {
                    "webhook-id": id,
                    "webhook-timestamp": timestamp,
                    "webhook-signature": signature,
                },
            })
        })
        .collect();
    let probe = Command::new("python3")
        .args(["-c", "import standardwebhooks"])
        .output();
    if !probe.is_ok_and(|output| output.status.success()) {
        eprintln!(
            "NOTE: skipping the reference verification: python3 with the standardwebhooks \
             package is not available (pip install standardwebhooks)"
        );
        return None;
    }
    let mut child = Command::new("python3")
        .args(["-c", VERIFY])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 starts");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("a stdin");
        stdin
            .write_all(Value::Array(cases).to_string().as_bytes())
            .expect("the cases are written");
    }
    let output = child.wait_with_output().expect("python3 ends");
    assert!(output.status.success(), "the verifier failed");
    Some(serde_json::from_slice(&output.stdout).expect("a JSON list"))
}
