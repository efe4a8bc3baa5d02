package org.netlm.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The input fact: one patient case, exactly the fields of the patient JSON (interface.md).
 * Immutable: every field is final, the therapy list is an unmodifiable copy, and rules only read it.
 * Absent data are {@code null}. Build one with {@link #builder()}; check it with
 * {@link org.netlm.validation.PatientValidator} (the engine does so before the rules run).
 */
public final class PatientCase {
    private final String id;
    private final Integer age;
    private final Integer ecog;
    private final PrimarySite primarySite;
    private final PrimaryStatus primaryStatus;
    private final Boolean primaryResectable;
    private final Differentiation differentiation;
    private final Double ki67Percent;
    private final Double mitosesPer2mm2;
    private final Grade grade;
    private final Boolean functional;
    private final LiverMetastasisType liverMetastasisType;
    private final Integer liverLesionCount;
    private final Double largestLesionCm;
    private final Boolean bilobar;
    private final Double liverTumorBurdenPercent;
    private final Boolean extrahepaticDisease;
    private final Boolean extrahepaticResectable;
    private final Boolean resectable;
    private final Double futureLiverRemnantPercent;
    private final ChildPugh childPugh;
    private final Boolean portalVeinThrombosis;
    private final Boolean biliaryEntericAnastomosis;
    private final SstrStatus sstrStatus;
    private final DiseaseStatus diseaseStatus;
    private final Boolean symptomatic;
    private final Double creatinineClearanceMlMin;
    private final List<PriorTherapy> priorTherapies;

    private PatientCase(Builder b) {
        this.id = b.id;
        this.age = b.age;
        this.ecog = b.ecog;
        this.primarySite = b.primarySite;
        this.primaryStatus = b.primaryStatus;
        this.primaryResectable = b.primaryResectable;
        this.differentiation = b.differentiation;
        this.ki67Percent = b.ki67Percent;
        this.mitosesPer2mm2 = b.mitosesPer2mm2;
        this.grade = b.grade;
        this.functional = b.functional;
        this.liverMetastasisType = b.liverMetastasisType;
        this.liverLesionCount = b.liverLesionCount;
        this.largestLesionCm = b.largestLesionCm;
        this.bilobar = b.bilobar;
        this.liverTumorBurdenPercent = b.liverTumorBurdenPercent;
        this.extrahepaticDisease = b.extrahepaticDisease;
        this.extrahepaticResectable = b.extrahepaticResectable;
        this.resectable = b.resectable;
        this.futureLiverRemnantPercent = b.futureLiverRemnantPercent;
        this.childPugh = b.childPugh;
        this.portalVeinThrombosis = b.portalVeinThrombosis;
        this.biliaryEntericAnastomosis = b.biliaryEntericAnastomosis;
        this.sstrStatus = b.sstrStatus;
        this.diseaseStatus = b.diseaseStatus;
        this.symptomatic = b.symptomatic;
        this.creatinineClearanceMlMin = b.creatinineClearanceMlMin;
        this.priorTherapies = b.priorTherapies == null ? null
            : Collections.unmodifiableList(new ArrayList<>(b.priorTherapies));
    }

    /**
     * An empty builder: every field absent until set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder pre-filled with this case's values, for making a changed copy.
     *
     * @return a new builder holding this case's values
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.age = age;
        b.ecog = ecog;
        b.primarySite = primarySite;
        b.primaryStatus = primaryStatus;
        b.primaryResectable = primaryResectable;
        b.differentiation = differentiation;
        b.ki67Percent = ki67Percent;
        b.mitosesPer2mm2 = mitosesPer2mm2;
        b.grade = grade;
        b.functional = functional;
        b.liverMetastasisType = liverMetastasisType;
        b.liverLesionCount = liverLesionCount;
        b.largestLesionCm = largestLesionCm;
        b.bilobar = bilobar;
        b.liverTumorBurdenPercent = liverTumorBurdenPercent;
        b.extrahepaticDisease = extrahepaticDisease;
        b.extrahepaticResectable = extrahepaticResectable;
        b.resectable = resectable;
        b.futureLiverRemnantPercent = futureLiverRemnantPercent;
        b.childPugh = childPugh;
        b.portalVeinThrombosis = portalVeinThrombosis;
        b.biliaryEntericAnastomosis = biliaryEntericAnastomosis;
        b.sstrStatus = sstrStatus;
        b.diseaseStatus = diseaseStatus;
        b.symptomatic = symptomatic;
        b.creatinineClearanceMlMin = creatinineClearanceMlMin;
        b.priorTherapies = priorTherapies;
        return b;
    }

    /** {@return patient or case identifier; {@code null} when absent} */
    public String getId() {
        return id;
    }

    /** {@return age in years (0-120); {@code null} when absent} */
    public Integer getAge() {
        return age;
    }

    /** {@return ECOG performance status (0-4); {@code null} when absent} */
    public Integer getEcog() {
        return ecog;
    }

    /** {@return site of the primary tumour; {@code null} when absent} */
    public PrimarySite getPrimarySite() {
        return primarySite;
    }

    /** {@return status of the primary tumour; {@code null} when absent} */
    public PrimaryStatus getPrimaryStatus() {
        return primaryStatus;
    }

    /** {@return surgeon's assessment of the primary (when in situ); {@code null} when absent} */
    public Boolean getPrimaryResectable() {
        return primaryResectable;
    }

    /** {@return WELL (NET) or POOR (NEC); {@code null} when absent} */
    public Differentiation getDifferentiation() {
        return differentiation;
    }

    /** {@return Ki-67 labelling index (0-100); {@code null} when absent} */
    public Double getKi67Percent() {
        return ki67Percent;
    }

    /** {@return mitotic count per 2 mm2 (>= 0); {@code null} when absent} */
    public Double getMitosesPer2mm2() {
        return mitosesPer2mm2;
    }

    /** {@return grade as reported by pathology; {@code null} when absent} */
    public Grade getGrade() {
        return grade;
    }

    /** {@return hormonal syndrome present; {@code null} when absent} */
    public Boolean getFunctional() {
        return functional;
    }

    /** {@return liver metastasis type as reported; {@code null} when absent} */
    public LiverMetastasisType getLiverMetastasisType() {
        return liverMetastasisType;
    }

    /** {@return number of liver metastases (>= 1); {@code null} when absent} */
    public Integer getLiverLesionCount() {
        return liverLesionCount;
    }

    /** {@return diameter of the largest liver metastasis in cm (> 0); {@code null} when absent} */
    public Double getLargestLesionCm() {
        return largestLesionCm;
    }

    /** {@return both liver lobes involved; {@code null} when absent} */
    public Boolean getBilobar() {
        return bilobar;
    }

    /** {@return share of liver volume replaced by tumour (0-100); {@code null} when absent} */
    public Double getLiverTumorBurdenPercent() {
        return liverTumorBurdenPercent;
    }

    /** {@return metastases outside the liver; {@code null} when absent} */
    public Boolean getExtrahepaticDisease() {
        return extrahepaticDisease;
    }

    /**
     * Surgeon's assessment that all extrahepatic disease can be removed together with the liver disease (model v2);
     * used only when {@link #getExtrahepaticDisease()} is {@code true}; {@code null} when absent (counts as false).
     *
     * @return the surgeon's assessment, or {@code null}
     */
    public Boolean getExtrahepaticResectable() {
        return extrahepaticResectable;
    }

    /** {@return surgeon's assessment that >= 90 % of liver disease can be removed; {@code null} when absent} */
    public Boolean getResectable() {
        return resectable;
    }

    /** {@return planned remnant volume after resection (0-100); {@code null} when absent} */
    public Double getFutureLiverRemnantPercent() {
        return futureLiverRemnantPercent;
    }

    /** {@return Child-Pugh class; {@code null} when absent} */
    public ChildPugh getChildPugh() {
        return childPugh;
    }

    /** {@return main portal vein thrombosis; {@code null} when absent} */
    public Boolean getPortalVeinThrombosis() {
        return portalVeinThrombosis;
    }

    /** {@return biliary-enteric anastomosis, e.g. after Whipple; {@code null} when absent} */
    public Boolean getBiliaryEntericAnastomosis() {
        return biliaryEntericAnastomosis;
    }

    /** {@return somatostatin-receptor imaging status; {@code null} when absent} */
    public SstrStatus getSstrStatus() {
        return sstrStatus;
    }

    /** {@return RECIST status over the last 12 months; {@code null} when absent} */
    public DiseaseStatus getDiseaseStatus() {
        return diseaseStatus;
    }

    /** {@return tumour-related symptoms; {@code null} when absent} */
    public Boolean getSymptomatic() {
        return symptomatic;
    }

    /** {@return creatinine clearance in mL/min (>= 0); {@code null} when absent} */
    public Double getCreatinineClearanceMlMin() {
        return creatinineClearanceMlMin;
    }

    /** {@return treatments already given; {@code null} when absent, otherwise unmodifiable} */
    public List<PriorTherapy> getPriorTherapies() {
        return priorTherapies;
    }

    /** {@return the prior therapies, never null (empty when absent)} */
    public List<PriorTherapy> priorTherapiesOrEmpty() {
        return priorTherapies == null ? List.of() : priorTherapies;
    }

    /**
     * Whether {@code therapy} is listed with one of the given outcomes.
     *
     * @param therapy  the therapy to look for
     * @param outcomes the outcomes that count
     * @return true when a prior therapy matches both
     */
    public boolean hadOutcome(Therapy therapy, TherapyOutcome... outcomes) {
        for (PriorTherapy p : priorTherapiesOrEmpty()) {
            if (p.getTherapy() == therapy) {
                for (TherapyOutcome o : outcomes) {
                    if (p.getOutcome() == o) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Whether {@code therapy} was given and failed: listed with PROGRESSION or INTOLERANCE (it is not offered again).
     *
     * @param therapy the therapy to look for
     * @return true when it failed
     */
    public boolean failed(Therapy therapy) {
        return hadOutcome(therapy, TherapyOutcome.PROGRESSION, TherapyOutcome.INTOLERANCE);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PatientCase)) {
            return false;
        }
        PatientCase p = (PatientCase) o;
        return Objects.equals(id, p.id)
            && Objects.equals(age, p.age)
            && Objects.equals(ecog, p.ecog)
            && Objects.equals(primarySite, p.primarySite)
            && Objects.equals(primaryStatus, p.primaryStatus)
            && Objects.equals(primaryResectable, p.primaryResectable)
            && Objects.equals(differentiation, p.differentiation)
            && Objects.equals(ki67Percent, p.ki67Percent)
            && Objects.equals(mitosesPer2mm2, p.mitosesPer2mm2)
            && Objects.equals(grade, p.grade)
            && Objects.equals(functional, p.functional)
            && Objects.equals(liverMetastasisType, p.liverMetastasisType)
            && Objects.equals(liverLesionCount, p.liverLesionCount)
            && Objects.equals(largestLesionCm, p.largestLesionCm)
            && Objects.equals(bilobar, p.bilobar)
            && Objects.equals(liverTumorBurdenPercent, p.liverTumorBurdenPercent)
            && Objects.equals(extrahepaticDisease, p.extrahepaticDisease)
            && Objects.equals(extrahepaticResectable, p.extrahepaticResectable)
            && Objects.equals(resectable, p.resectable)
            && Objects.equals(futureLiverRemnantPercent, p.futureLiverRemnantPercent)
            && Objects.equals(childPugh, p.childPugh)
            && Objects.equals(portalVeinThrombosis, p.portalVeinThrombosis)
            && Objects.equals(biliaryEntericAnastomosis, p.biliaryEntericAnastomosis)
            && Objects.equals(sstrStatus, p.sstrStatus)
            && Objects.equals(diseaseStatus, p.diseaseStatus)
            && Objects.equals(symptomatic, p.symptomatic)
            && Objects.equals(creatinineClearanceMlMin, p.creatinineClearanceMlMin)
            && Objects.equals(priorTherapies, p.priorTherapies);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, age, ecog, primarySite, primaryStatus, primaryResectable, differentiation, ki67Percent, mitosesPer2mm2, grade, functional, liverMetastasisType, liverLesionCount, largestLesionCm, bilobar, liverTumorBurdenPercent, extrahepaticDisease, extrahepaticResectable, resectable, futureLiverRemnantPercent, childPugh, portalVeinThrombosis, biliaryEntericAnastomosis, sstrStatus, diseaseStatus, symptomatic, creatinineClearanceMlMin, priorTherapies);
    }

    /** Only the id: patient data stay out of logs and exception messages. */
    @Override
    public String toString() {
        return "PatientCase[id=" + id + "]";
    }

    /** Mutable builder; {@link #build()} makes the immutable case (no validation: see PatientValidator). */
    public static final class Builder {
        private String id;
        private Integer age;
        private Integer ecog;
        private PrimarySite primarySite;
        private PrimaryStatus primaryStatus;
        private Boolean primaryResectable;
        private Differentiation differentiation;
        private Double ki67Percent;
        private Double mitosesPer2mm2;
        private Grade grade;
        private Boolean functional;
        private LiverMetastasisType liverMetastasisType;
        private Integer liverLesionCount;
        private Double largestLesionCm;
        private Boolean bilobar;
        private Double liverTumorBurdenPercent;
        private Boolean extrahepaticDisease;
        private Boolean extrahepaticResectable;
        private Boolean resectable;
        private Double futureLiverRemnantPercent;
        private ChildPugh childPugh;
        private Boolean portalVeinThrombosis;
        private Boolean biliaryEntericAnastomosis;
        private SstrStatus sstrStatus;
        private DiseaseStatus diseaseStatus;
        private Boolean symptomatic;
        private Double creatinineClearanceMlMin;
        private List<PriorTherapy> priorTherapies;

        private Builder() {
        }

        /**
         * Sets {@link PatientCase#getId()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder id(String value) {
            this.id = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getAge()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder age(Integer value) {
            this.age = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getEcog()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder ecog(Integer value) {
            this.ecog = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getPrimarySite()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder primarySite(PrimarySite value) {
            this.primarySite = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getPrimaryStatus()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder primaryStatus(PrimaryStatus value) {
            this.primaryStatus = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getPrimaryResectable()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder primaryResectable(Boolean value) {
            this.primaryResectable = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getDifferentiation()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder differentiation(Differentiation value) {
            this.differentiation = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getKi67Percent()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder ki67Percent(Double value) {
            this.ki67Percent = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getMitosesPer2mm2()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder mitosesPer2mm2(Double value) {
            this.mitosesPer2mm2 = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getGrade()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder grade(Grade value) {
            this.grade = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getFunctional()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder functional(Boolean value) {
            this.functional = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getLiverMetastasisType()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder liverMetastasisType(LiverMetastasisType value) {
            this.liverMetastasisType = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getLiverLesionCount()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder liverLesionCount(Integer value) {
            this.liverLesionCount = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getLargestLesionCm()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder largestLesionCm(Double value) {
            this.largestLesionCm = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getBilobar()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder bilobar(Boolean value) {
            this.bilobar = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getLiverTumorBurdenPercent()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder liverTumorBurdenPercent(Double value) {
            this.liverTumorBurdenPercent = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getExtrahepaticDisease()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder extrahepaticDisease(Boolean value) {
            this.extrahepaticDisease = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getExtrahepaticResectable()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder extrahepaticResectable(Boolean value) {
            this.extrahepaticResectable = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getResectable()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder resectable(Boolean value) {
            this.resectable = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getFutureLiverRemnantPercent()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder futureLiverRemnantPercent(Double value) {
            this.futureLiverRemnantPercent = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getChildPugh()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder childPugh(ChildPugh value) {
            this.childPugh = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getPortalVeinThrombosis()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder portalVeinThrombosis(Boolean value) {
            this.portalVeinThrombosis = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getBiliaryEntericAnastomosis()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder biliaryEntericAnastomosis(Boolean value) {
            this.biliaryEntericAnastomosis = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getSstrStatus()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder sstrStatus(SstrStatus value) {
            this.sstrStatus = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getDiseaseStatus()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder diseaseStatus(DiseaseStatus value) {
            this.diseaseStatus = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getSymptomatic()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder symptomatic(Boolean value) {
            this.symptomatic = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getCreatinineClearanceMlMin()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder creatinineClearanceMlMin(Double value) {
            this.creatinineClearanceMlMin = value;
            return this;
        }

        /**
         * Sets {@link PatientCase#getPriorTherapies()}.
         *
         * @param value the value, or {@code null} for absent
         * @return this builder
         */
        public Builder priorTherapies(List<PriorTherapy> value) {
            this.priorTherapies = value;
            return this;
        }

        /**
         * Adds one treatment already given to {@link PatientCase#getPriorTherapies()}.
         *
         * @param therapy the therapy given
         * @param outcome how it ended, or its current outcome while it continues
         * @return this builder
         */
        public Builder priorTherapy(Therapy therapy, TherapyOutcome outcome) {
            List<PriorTherapy> list = priorTherapies == null ? new ArrayList<>() : new ArrayList<>(priorTherapies);
            list.add(new PriorTherapy(therapy, outcome));
            this.priorTherapies = list;
            return this;
        }

        /**
         * The immutable case. Not validated: the engine validates it before the rules run.
         *
         * @return a new case with the values set so far
         */
        public PatientCase build() {
            return new PatientCase(this);
        }
    }
}
