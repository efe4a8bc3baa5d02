package org.netlm.model;

import java.util.ArrayList;
import java.util.List;

/** EXPERIMENT: the criteria of one patient, added by the criterion rules without inserting a fact each. */
public final class CriteriaCollector {
    private final List<Criterion> list = new ArrayList<>(64);

    public void add(Criterion c) { list.add(c); }

    public List<Criterion> list() { return list; }
}
