"""How kubectl words errors on stderr (cmd/util/helpers.go checkErr)."""

from __future__ import annotations

from cluster.api.errors import StatusError, invalid, invalid_object
from cluster.kubectl.errors import KubectlError, check_err, with_source

NOT_FOUND = StatusError(
    404, "NotFound", 'pods "x" not found', {"kind": "pods", "name": "x"}
)
BAD_NAME = invalid("metadata.name", "Bad_Name", "a lowercase RFC 1123 subdomain")


def test_status_errors_name_their_reason() -> None:
    assert check_err([NOT_FOUND]) == 'Error from server (NotFound): pods "x" not found'


def test_status_error_without_reason() -> None:
    assert check_err([StatusError(500, "", "boom")]) == "Error from server: boom"


def test_client_errors_get_the_error_prefix() -> None:
    assert (
        check_err([KubectlError('the server doesn\'t have a resource type "foo"')])
        == 'error: the server doesn\'t have a resource type "foo"'
    )


def test_invalid_with_one_cause_is_one_line() -> None:
    err = invalid_object("Pod", "Bad_Name", [BAD_NAME])
    assert check_err([err]) == (
        'The Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": '
        "a lowercase RFC 1123 subdomain"
    )


def test_invalid_with_several_causes_lists_them() -> None:
    err = invalid_object(
        "Pod",
        "Bad_Name",
        [BAD_NAME, invalid("spec.containers[0].image", "", "must not be empty")],
    )
    assert check_err([err]) == (
        'The Pod "Bad_Name" is invalid: \n'
        '* metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain\n'
        '* spec.containers[0].image: Invalid value: "": must not be empty'
    )


def test_invalid_keeps_its_form_when_a_source_is_added() -> None:
    err = with_source(
        "creating", "STDIN", invalid_object("Pod", "Bad_Name", [BAD_NAME])
    )
    assert check_err([err]).startswith('The Pod "Bad_Name" is invalid: ')


def test_source_is_added_to_the_server_message() -> None:
    exists = StatusError(409, "AlreadyExists", 'pods "web" already exists')
    assert check_err([with_source("creating", "STDIN", exists)]) == (
        'Error from server (AlreadyExists): error when creating "STDIN": '
        'pods "web" already exists'
    )


def test_several_errors_one_per_line_without_prefix() -> None:
    assert check_err([NOT_FOUND, KubectlError("plain")]) == (
        'Error from server (NotFound): pods "x" not found\nplain'
    )
