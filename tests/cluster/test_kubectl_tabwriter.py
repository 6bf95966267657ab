"""Go text/tabwriter layout, as kubectl's tables and describe use it."""

from __future__ import annotations

from cluster.kubectl.tabwriter import DESCRIBE, TABLE, TabWriter, layout


def test_table_pads_each_column_to_widest_cell_plus_three() -> None:
    text = "NAME\tREADY\tAGE\nweb\t1/1\t5s\nlonger-name\t0/1\t10m\n"
    assert layout(text, *TABLE) == (
        "NAME          READY   AGE\n"
        "web           1/1     5s\n"
        "longer-name   0/1     10m\n"
    )


def test_table_minimum_width_is_six() -> None:
    assert layout("A\tB\nx\ty\n", *TABLE) == "A     B\nx     y\n"


def test_last_cell_is_never_padded() -> None:
    assert layout("a\tb\t\n", *TABLE) == "a     b     \n"


def test_a_line_without_tabs_ends_the_column_block() -> None:
    text = "Name:\tweb\nContainers:\n  c:\n    Image:\tnginx\n"
    assert layout(text, *DESCRIBE) == (
        "Name:  web\nContainers:\n  c:\n    Image:  nginx\n"
    )


def test_nested_blocks_align_deeper_columns_separately() -> None:
    text = "a\tb\tc\naaa\tb\nx\tbbbb\tc\n"
    # "aaa\tb" has no third cell, so it splits the second column into two blocks.
    assert layout(text, *DESCRIBE) == "a    b  c\naaa  b\nx    bbbb  c\n"


def test_flush_lays_out_each_part_on_its_own() -> None:
    tw = TabWriter(*DESCRIBE)
    tw.write("long-label:\tx\n")
    tw.flush()
    tw.write("a:\ty\n")
    assert tw.getvalue() == "long-label:  x\na:  y\n"
