"""Calls every operation of a bundle through a generated `python` (pydantic) client against a Prism
mock, with the docs' examples, and checks the decoded values.

Usage: python python-driver.py <calls.json> <generated dir> <package> <base URL>
"""
import importlib
import json
import re
import sys

calls_path, generated_dir, package, base_url = sys.argv[1:5]
sys.path.insert(0, generated_dir)
client = importlib.import_module(package)
from pydantic import BaseModel  # noqa: E402  (after the generated package is on the path)


def snake(name):
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def plain(value):
    """A decoded value as plain JSON with the spec's property names (the models' aliases)."""
    if hasattr(value, "actual_instance"):
        return plain(value.actual_instance)
    if isinstance(value, BaseModel):
        out = {}
        for name, field in type(value).model_fields.items():
            item = getattr(value, name)
            if name == "additional_properties":
                out.update({k: plain(v) for k, v in (item or {}).items()})
            elif item is not None:
                out[field.alias or name] = plain(item)
        return out
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "isoformat"):
        # UTC as the examples write it ("Z"), which isoformat() spells "+00:00".
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    return value


def expect(actual, expected, where):
    if actual != expected:
        raise AssertionError(f"{where}: decoded {json.dumps(actual)}, documented {json.dumps(expected)}")


configuration = client.Configuration(host=base_url, username="partner", password="secret", access_token="secret")
api_client = client.ApiClient(configuration)
apis = [getattr(client, n)(api_client) for n in dir(client) if n.endswith("Api") and isinstance(getattr(client, n), type)]
checked = 0
with open(calls_path, encoding="utf-8") as f:
    calls = json.load(f)
for call in calls:
    method_name = snake(call["operationId"])
    api = next((a for a in apis if hasattr(a, method_name)), None)
    assert api is not None, f"no generated method {method_name} for {call['operationId']}"
    method = getattr(api, method_name)
    kwargs = {snake(p["name"]): p["value"] for p in call["pathParams"]}
    if call.get("body"):
        body = call["body"]
        assert body.get("example"), f"{call['operationId']}: the request body has no example"
        kwargs[snake(body["model"])] = getattr(client, body["model"]).from_dict(body["example"]["value"])
    result = method(**kwargs)
    where = f"{call['operationId']} {call['method'].upper()} {call['path']}"
    if call.get("success") and call["success"].get("example"):
        expect(plain(result), call["success"]["example"]["value"], where)
    else:
        expect(result, None, where)
    checked += 1
    for error in call["errors"]:
        if not error.get("example") or not error.get("model"):
            continue
        prefer = f"code={error['status']}" + (f", example={error['example']['name']}" if error["example"].get("name") else "")
        try:
            method(**kwargs, _headers={"Prefer": prefer})
            raise AssertionError(f"{where}: {error['status']} did not raise")
        except client.ApiException as e:
            expect(e.status, error["status"], f"{where} status")
            model = getattr(client, error["model"])
            decoded = e.data if isinstance(e.data, model) else model.from_json(e.body)
            expect(plain(decoded), error["example"]["value"], f"{where} {error['status']}")
        checked += 1
print(f"python: {checked} calls decoded as documented")
