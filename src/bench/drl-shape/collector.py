# EXPERIMENT (benchmark only, never applied to rules/): aggregate.py, but the "Criterion: ..." rules stay one rule
# each (ids kept) and add their criterion to one CriteriaCollector fact instead of inserting a Criterion fact; a
# low-salience rule then inserts one CriteriaSet for the single-pattern recommendation rules.
# Usage: python3 collector.py rules/ target/drl-shape/collector
import re,sys,os,glob,subprocess
src,dst=sys.argv[1],sys.argv[2]
subprocess.run(['python3',os.path.join(os.path.dirname(os.path.abspath(__file__)),'aggregate.py'),src,dst],check=True)
os.remove(dst+'/classification/aggregate.drl')
for f in glob.glob(dst+'/classification/*.drl'):
    parts=re.split(r'(?m)^(?=(?://[^\n]*\n)*rule ")',open(f).read())
    out=[]
    for p in parts:
        mm=re.search(r'(?m)^rule "([^"]*)"',p)
        if mm and mm.group(1).startswith('Criterion:'):
            p=p.replace('\nwhen\n','\nwhen\n    $cs : CriteriaCollector()\n',1).replace('insert(Criterion.of(','$cs.add(Criterion.of(')
        out.append(p)
    open(f,'w').write(''.join(out))
open(dst+'/classification/collector.drl','w').write('''package org.netlm.rules.classification;
import org.netlm.model.*;
// Experiment: criteria collected into one fact.
// Experiment: an empty collector before any criterion.
rule "Start collecting criteria"
    @id("CLASS-COLL-01") @evidence("WHO2022")
    salience 100
when
    PatientCase()
then
    insert(new CriteriaCollector());
end

// Experiment: every criterion collected.
rule "Criteria complete"
    @id("CLASS-COLL-02") @evidence("WHO2022")
    salience -10
when
    $cs : CriteriaCollector()
then
    insert(CriteriaSet.of($cs.list()));
end
''')
