"""kubectl's JSONPath dialect: ``parse`` a template, then ``execute`` it."""
